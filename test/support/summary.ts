// Each test tier appends its counts to one file; scripts/test.sh prints the grand total from it.
import { appendFileSync } from 'node:fs';

export interface TierCounts {
  tier: string;
  passed: number;
  failed: number;
  skipped: number;
}

export function recordTier(counts: TierCounts): void {
  const file = process.env.DOCKER_HOSTS_SUMMARY;
  if (file) {
    appendFileSync(file, `${JSON.stringify(counts)}\n`);
  }
}

/**
 * Runs a tier's main function and exits with its code; a tier that throws before it could count
 * anything is recorded as one failure, so the grand total never hides it.
 */
export function runTier(tier: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      recordTier({ tier, passed: 0, failed: 1, skipped: 0 });
      process.exit(1);
    },
  );
}
