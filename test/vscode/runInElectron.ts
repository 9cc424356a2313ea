// The same suite through @vscode/test-electron, for machines with a desktop VS Code.
// Set VSCODE_EXECUTABLE to its binary; without it, test-electron would try to download one.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { PROJECT_DIR } from './codeServer';

async function main(): Promise<void> {
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
  await runTests({
    ...(vscodeExecutablePath ? { vscodeExecutablePath } : {}),
    extensionDevelopmentPath: PROJECT_DIR,
    extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
