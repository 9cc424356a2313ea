import { REMOTE } from './remoteLayout';
import { shellQuote } from '../util/shellQuote';

/**
 * Root scripts that keep a copy of files before they change and put them back: `rollback/` for
 * the current run (undone when it fails), `backup/` once, before the very first provisioning
 * (restored when the machine is deprovisioned). A file that did not exist is recorded as absent,
 * so restoring removes it again.
 */
export function snapshotScript(files: readonly string[], into: string): string {
  const lines = [`rm -rf ${shellQuote(into)}`, `mkdir -p -m 700 ${shellQuote(into)}`];
  files.forEach((file, index) => {
    const copy = shellQuote(`${into}/${index}`);
    lines.push(`if [ -e ${shellQuote(file)} ]; then cp -p ${shellQuote(file)} ${copy}; else : >${copy}.absent; fi`);
  });
  return lines.join('\n');
}

/** Puts back what `snapshotScript` kept, for the same list of files in the same order. */
export function restoreScript(files: readonly string[], from: string): string {
  return files
    .map((file, index) => {
      const copy = shellQuote(`${from}/${index}`);
      return `if [ -e ${copy}.absent ]; then rm -f ${shellQuote(file)}; elif [ -e ${copy} ]; then mkdir -p "$(dirname ${shellQuote(file)})" && cp -p ${copy} ${shellQuote(file)}; fi`;
    })
    .join('\n');
}

/** The host's configuration files provisioning may change; backed up before the first change. */
export const CONFIGURATION_FILES: readonly string[] = [REMOTE.daemonJson, REMOTE.systemdDropIn];

/** Everything one provisioning run may write, for its rollback. */
export const RUN_FILES: readonly string[] = [...CONFIGURATION_FILES, REMOTE.caCert, REMOTE.serverCert, REMOTE.serverKey, REMOTE.startScript];
