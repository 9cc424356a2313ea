// Bundles the extension into one file (dist/extension.js), the compose language server into another
// (dist/composeLanguageServer.js, its own process), and compiles the tests (out/).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';

const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // vscode is provided by the host; ssh2's optional native speed-ups are loaded in try/catch.
  external: ['vscode', 'cpu-features', '*.node'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' }),
  build({ ...common, entryPoints: ['node_modules/@microsoft/compose-language-service/lib/server.js'], outfile: 'dist/composeLanguageServer.js' }),
]);

if (!production) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], { stdio: 'inherit' });
}
