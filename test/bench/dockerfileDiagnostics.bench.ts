// Benchmark (not a test): the time of one full check of a generated 3,000-line Dockerfile, that is
// what the editor does after a pause in typing: parse with dockerfile-ast, then every rule.
import { performance } from 'node:perf_hooks';
import { checkDockerfile } from '../../src/core/dockerfile/checkDockerfile';
import { parseDockerfile } from '../../src/core/dockerfile/model';
import { fmt, median } from './benchSupport';

const LINES = 3000;
const WARM_UP = 10;
const ROUNDS = 50;
const GOAL_MS = 30;

/** Stages like real ones: flags, continuations, heredocs, JSON and shell forms, and a few problems. */
function generateDockerfile(lineCount: number): string {
  const lines = ['# syntax=docker/dockerfile:1', 'ARG BASE=debian:bookworm-slim', 'ARG GO_VERSION=1.22'];
  for (let stage = 0; lines.length < lineCount; stage++) {
    lines.push(
      '',
      `FROM --platform=$BUILDPLATFORM \${BASE} AS stage${stage}`,
      'WORKDIR /src',
      `ENV APP_HOME=/app PORT=${8000 + stage} PATH="/app/bin:$PATH"`,
      `ARG VERSION=${stage}.0.0`,
      'LABEL org.opencontainers.image.title="app" \\',
      `      org.opencontainers.image.version="${stage}"`,
      'RUN --mount=type=cache,target=/var/cache/apt \\',
      '    apt-get update && \\',
      '    # tools for the build',
      '    apt-get install -y --no-install-recommends curl ca-certificates git && \\',
      '    rm -rf /var/lib/apt/lists/*',
      stage > 0 ? `COPY --from=stage${stage - 1} --chown=1000:1000 /app /app` : 'COPY --chown=1000:1000 . /app',
      'COPY <<EOF /etc/app.conf',
      `port=${8000 + stage}`,
      'home=$APP_HOME',
      'EOF',
      'RUN <<EOF bash -e',
      'echo building',
      'make -C /src all',
      'EOF',
      'EXPOSE 8080/tcp',
      'USER 1000:1000',
      'HEALTHCHECK --interval=30s CMD curl -fsS http://localhost:8080/ || exit 1',
      stage % 10 === 0 ? 'CMD node server.js' : 'CMD ["node", "server.js"]',
    );
  }
  return lines.slice(0, lineCount).join('\n');
}

function fullCheck(text: string): number {
  return checkDockerfile(parseDockerfile(text)).length;
}

function main(): void {
  const text = generateDockerfile(LINES);
  let problems = 0;
  for (let i = 0; i < WARM_UP; i++) {
    problems = fullCheck(text);
  }
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    fullCheck(text);
    samples.push(performance.now() - started);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const p90 = sorted[Math.floor(sorted.length * 0.9)] ?? 0;
  console.log(`dockerfile diagnostics, ${LINES} lines: median ${median(samples).toFixed(1)} ms per full check (goal ≤ ${GOAL_MS} ms)`);
  console.log(`  min ${fmt(sorted[0] ?? 0)}, p90 ${fmt(p90)}; ${ROUNDS} rounds after ${WARM_UP} warm-up; ${problems} problems found per check`);
}

main();
