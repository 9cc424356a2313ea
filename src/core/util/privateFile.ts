import { constants, promises as fs } from 'node:fs';

/**
 * Writes a file only its owner can read, also when it exists already with a looser mode (the
 * `mode` of open applies only to new files, so the handle is chmod-ed before anything is written).
 * A symbolic link is not followed, so the content cannot land somewhere the name does not say.
 */
export async function writePrivateFile(file: string, content: string | Buffer): Promise<void> {
  const handle = await fs.open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
  try {
    await handle.chmod(0o600);
    await handle.truncate(0);
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
}
