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
