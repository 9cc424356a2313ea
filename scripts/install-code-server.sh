#!/usr/bin/env bash
# Installs code-server (a real VS Code: workbench in the browser, extension host on Node) from
# the npm registry alone. Its install scripts would download ripgrep and prebuilt binaries from
# the internet, so they are skipped and the native modules are rebuilt from source instead.
# Usage: install-code-server.sh DIR VERSION
set -euo pipefail
DIR=$1 VERSION=$2
STAGING="$DIR.partial"
rm -rf "$STAGING" && mkdir -p "$STAGING" && cd "$STAGING"
echo '{"name":"docker-hosts-vscode","private":true}' > package.json
quiet() { "$@" >>"$STAGING/install.log" 2>&1 || { tail -30 "$STAGING/install.log"; exit 1; }; }
export npm_config_yes=true   # node-pty's rebuild runs npx node-gyp, which would otherwise prompt
quiet npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION"
quiet npm rebuild argon2 --build-from-source          # loaded at start even with --auth none
cd node_modules/code-server/lib/vscode
quiet npm install --no-audit --no-fund --omit=dev --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg   # Debian's ripgrep instead of a download
quiet npm rebuild kerberos @parcel/watcher @vscode/spdlog @vscode/deviceid native-watchdog node-pty
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && quiet npm install --no-audit --no-fund --omit=dev --ignore-scripts)
cd / && rm -rf "$DIR" && mv "$STAGING" "$DIR"   # only a complete install takes the final name
