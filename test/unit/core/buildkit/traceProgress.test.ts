// BuildKit's status updates turned into plain progress lines, the failed step picked out, and
// the trace's protobuf decoded as the engine sends it (base64 in the build stream's aux).
import * as assert from 'node:assert/strict';
import { decodeStatusUpdate, messageType, StatusUpdate } from '../../../../src/core/buildkit/protocol';
import { TraceProgress } from '../../../../src/core/buildkit/traceProgress';

const at = (seconds: number, nanos = 0): { seconds: number; nanos: number } => ({ seconds, nanos });
const update = (part: Partial<StatusUpdate>): StatusUpdate => ({ vertexes: [], statuses: [], logs: [], warnings: [], ...part });
const vertex = (digest: string, name: string, extra: object = {}): StatusUpdate['vertexes'][number] => ({ digest, name, cached: false, error: '', ...extra });

function printed(updates: readonly StatusUpdate[]): { text: string; progress: TraceProgress } {
  let text = '';
  const progress = new TraceProgress((line) => (text += line));
  for (const u of updates) progress.apply(u);
  return { text, progress };
}

describe('TraceProgress (BuildKit trace to plain progress)', () => {
  it('numbers steps as they start, prints their output with its offset, then DONE with the duration or CACHED', () => {
    const { text } = printed([
      update({ vertexes: [vertex('sha:a', '[1/2] FROM base'), vertex('sha:b', '[2/2] RUN echo hi')] }),
      update({ vertexes: [vertex('sha:a', '[1/2] FROM base', { started: at(10), completed: at(10), cached: true })] }),
      update({ vertexes: [vertex('sha:b', '[2/2] RUN echo hi', { started: at(10) })] }),
      update({ logs: [{ vertex: 'sha:b', timestamp: at(10, 250_000_000), stream: 1, msg: Buffer.from('hi\nthere') }] }),
      update({ logs: [{ vertex: 'sha:b', timestamp: at(10, 500_000_000), stream: 1, msg: Buffer.from(' again\n') }] }),
      update({ vertexes: [vertex('sha:b', '[2/2] RUN echo hi', { started: at(10), completed: at(11, 200_000_000) })] }),
    ]);
    assert.equal(text, '\n#1 [1/2] FROM base\n#1 CACHED\n\n#2 [2/2] RUN echo hi\n#2 0.250 hi\n#2 0.500 there again\n#2 DONE 1.2s\n');
  });

  it('reports the step that failed on its own, not the ones cancelled because of it, with its last output lines', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    const { progress, text } = printed([
      update({ vertexes: [vertex('sha:x', '[a 2/2] RUN other', { started: at(1) }), vertex('sha:y', '[b 2/2] RUN make', { started: at(1) })] }),
      update({ logs: [{ vertex: 'sha:y', timestamp: at(2), stream: 2, msg: Buffer.from(`${lines}\n`) }] }),
      update({ vertexes: [vertex('sha:x', '[a 2/2] RUN other', { started: at(1), completed: at(3), error: 'context canceled' })] }),
      update({ vertexes: [vertex('sha:y', '[b 2/2] RUN make', { started: at(1), completed: at(3), error: 'executor failed running [/bin/sh -c make]: exit code: 2' })] }),
    ]);
    assert.equal(progress.failedStep?.name, '[b 2/2] RUN make');
    assert.match(progress.failedStep?.error ?? '', /exit code: 2/);
    assert.deepEqual(progress.failedStep?.lastOutput, Array.from({ length: 12 }, (_, i) => `line ${i + 9}`));
    assert.match(text, /^#1 ERROR: context canceled$/m);
    assert.match(text, /^#2 ERROR: executor failed/m);
  });

  it('prints a finished transfer once, lists warnings once each, and ignores logs of unknown steps', () => {
    const { text, progress } = printed([
      update({ vertexes: [vertex('sha:c', '[internal] load build context', { started: at(1) })] }),
      update({ statuses: [{ ID: 'transferring context', vertex: 'sha:c', name: '', current: 2048, total: 0, completed: at(2) }] }),
      update({ logs: [{ vertex: 'sha:nobody', stream: 1, msg: Buffer.from('stray\n') }] }),
      update({ warnings: [{ vertex: 'sha:c', short: Buffer.from('empty continuation line'), url: '' }, { vertex: 'sha:c', short: Buffer.from('empty continuation line'), url: '' }] }),
    ]);
    assert.match(text, /^#1 transferring context 2\.0kB done$/m);
    assert.doesNotMatch(text, /stray/);
    assert.deepEqual(progress.warningList, ['empty continuation line (#1 [internal] load build context)']);
  });

  it('cuts a step that prints without end at 1 MiB and says so', () => {
    const chunk = Buffer.from(`${'x'.repeat(1023)}\n`.repeat(64)); // 64 KiB
    const updates = [update({ vertexes: [vertex('sha:d', '[1/1] RUN yes', { started: at(0) })] })];
    for (let i = 0; i < 40; i++) updates.push(update({ logs: [{ vertex: 'sha:d', stream: 1, msg: chunk }] }));
    const { text } = printed(updates);
    assert.ok(text.length < 1.2 * 1024 * 1024, `printed ${text.length} characters`);
    assert.match(text, /output cut at/);
  });

  it('decodes the base64 protobuf the engine sends, and refuses bytes that are not one', () => {
    const type = messageType('moby.buildkit.v1.StatusResponse');
    const bytes = type.encode(type.fromObject({
      vertexes: [{ digest: 'sha256:1', name: '[1/1] RUN true', started: { seconds: 5, nanos: 1 }, cached: true }],
      logs: [{ vertex: 'sha256:1', stream: 1, msg: Buffer.from('out\n') }],
    })).finish();
    const decoded = decodeStatusUpdate(Buffer.from(bytes).toString('base64'));
    assert.equal(decoded.vertexes[0]?.name, '[1/1] RUN true');
    assert.equal(decoded.vertexes[0]?.cached, true);
    assert.deepEqual(decoded.vertexes[0]?.started, { seconds: 5, nanos: 1 });
    assert.equal(decoded.logs[0]?.msg.toString(), 'out\n');
    assert.deepEqual(decoded.statuses, []);
    assert.throws(() => decodeStatusUpdate(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]).toString('base64')));
  });
});
