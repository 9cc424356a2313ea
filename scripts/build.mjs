// Bundles the extension into one file (dist/extension.js) and compiles the tests (out/).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';

const production = process.argv.includes('--production');

await build({
  entryPoints: ['src/extension/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // vscode is provided by the host; ssh2's optional native speed-ups are loaded in try/catch.
  external: ['vscode', 'cpu-features', '*.node'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
});

if (!production) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], { stdio: 'inherit' });
}
