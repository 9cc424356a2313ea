// Entry point for the untrusted-repository suite (see runUntrusted.ts): the same runner as the
// main suite, over this folder's tests.
import { runTestsIn } from '../suite';

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}
