// mocha's spec output, plus this tier's counts recorded for the grand total.
import Mocha from 'mocha';
import { recordTier } from './summary';

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    const tier = process.env.DOCKER_HOSTS_TIER ?? 'mocha';
    runner.once('end', () => {
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      recordTier({ tier, passed: stats.passes, failed: stats.failures, skipped: stats.pending });
    });
  }
}

export = SummaryReporter;
