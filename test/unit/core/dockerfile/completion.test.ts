import * as assert from 'node:assert/strict';
import { completionsAt } from '../../../../src/core/dockerfile/completion';
import { parseDockerfile } from '../../../../src/core/dockerfile/model';
import { dockerfile } from './helpers';

function labelsAt(text: string, line: number, character: number): string[] {
  return completionsAt(parseDockerfile(text), { line, character }).map((entry) => entry.label);
}

describe('completionsAt', () => {
  it('offers every instruction at the start of a line, replacing the typed prefix', () => {
    const entries = completionsAt(parseDockerfile(dockerfile('FROM alpine', 'RU')), { line: 1, character: 2 });
    assert.equal(entries.length, 18);
    const run = entries.find((entry) => entry.label === 'RUN');
    assert.equal(run?.insertText, 'RUN ');
    assert.equal(run?.replaceFrom, 0);
    assert.match(run?.documentation ?? '', /Runs a command/);
  });

  it('offers no keywords on continuation lines or inside heredocs', () => {
    assert.deepEqual(labelsAt(dockerfile('FROM alpine', 'RUN echo \\', '  '), 2, 2), []);
    assert.deepEqual(labelsAt(dockerfile('FROM alpine', 'RUN <<EOF', 'ec', 'EOF'), 2, 2), []);
  });

  it('offers trigger instructions after ONBUILD, without FROM, ONBUILD and MAINTAINER', () => {
    const labels = labelsAt(dockerfile('FROM alpine', 'ONBUILD '), 1, 8);
    assert.ok(labels.includes('RUN') && !labels.includes('FROM') && !labels.includes('ONBUILD') && !labels.includes('MAINTAINER'));
  });

  it('offers the other stages after COPY --from= and RUN --mount=…from=', () => {
    const text = dockerfile('FROM golang AS build', 'FROM alpine AS tools', 'FROM alpine AS final', 'COPY --from=', 'RUN --mount=type=bind,from=b');
    assert.deepEqual(labelsAt(text, 3, 12), ['build', 'tools']);
    const mount = completionsAt(parseDockerfile(text), { line: 4, character: 28 });
    assert.deepEqual(mount.map((entry) => entry.label), ['build', 'tools']);
    assert.equal(mount[0]?.replaceFrom, 27);
  });

  it('offers earlier stages after FROM', () => {
    assert.deepEqual(labelsAt(dockerfile('FROM golang AS build', 'FROM alpine AS tools', 'FROM '), 2, 5), ['build', 'tools']);
  });

  it('offers the instruction’s flags after --', () => {
    const labels = labelsAt(dockerfile('FROM alpine', 'COPY --'), 1, 7);
    assert.ok(labels.includes('--from') && labels.includes('--chown') && labels.includes('--link'), labels.join());
    assert.ok(labelsAt(dockerfile('FROM alpine', 'RUN --m'), 1, 7).includes('--mount'));
  });

  it('replaces the same stage-name prefix as the regular expressions it used before, on every mix of the parts', () => {
    // The old matchers, right but quadratic on a long word: the reference for short lines.
    const before = (prefix: string): string | undefined => (/--from=(\S*)$/.exec(prefix) ?? /--mount=\S*\bfrom=([^\s,]*)$/.exec(prefix))?.[1];
    const parts = ['--from=', '--mount=', 'from=', 'xfrom=', ',', ' ', 'b', '-', 'type=bind'];
    const text = dockerfile('FROM golang AS build', 'FROM alpine AS final', 'COPY x');
    const model = parseDockerfile(text);
    let checked = 0;
    for (const a of parts) {
      for (const b of parts) {
        for (const c of parts) {
          for (const d of parts) {
            const prefix = `RUN ${a}${b}${c}${d}`;
            const lines = [...model.lines.slice(0, 2), prefix];
            const entries = completionsAt(parseDockerfile(lines.join('\n')), { line: 2, character: prefix.length });
            const stageEntries = entries.filter((entry) => entry.kind === 'stage');
            const expected = before(prefix);
            assert.equal(stageEntries.length > 0, expected !== undefined, prefix);
            if (expected !== undefined) {
              assert.equal(stageEntries[0]?.replaceFrom, prefix.length - expected.length, prefix);
            }
            checked++;
          }
        }
      }
    }
    assert.equal(checked, parts.length ** 4);
  });
});
