// checkComposeText: what the editor underlines, where (0-based), without files or environment.
import * as assert from 'node:assert/strict';
import { checkComposeText, type ComposeTextProblem } from '../../../../../src/core/compose/model/checkText';

/** The text a problem's range covers, to assert the range lands on the right token. */
function covered(text: string, problem: ComposeTextProblem): string {
  const lines = text.split('\n');
  if (problem.startLine !== problem.endLine) {
    return `${lines[problem.startLine]?.slice(problem.startColumn)}…`;
  }
  return (lines[problem.startLine] ?? '').slice(problem.startColumn, problem.endColumn);
}

describe('checkComposeText', () => {
  it('a valid file with ${VAR} in typed places has no problems', () => {
    const text = 'services:\n  web:\n    image: "busybox:${TAG}"\n    ports: ["${PORT}:80"]\n    scale: ${N}\n    read_only: ${RO}\nx-anything: {a: 1}\n';
    assert.deepEqual(checkComposeText(text, 'compose.yaml'), []);
  });

  it('an empty file has no problems', () => {
    assert.deepEqual(checkComposeText('', 'compose.yaml'), []);
  });

  it('an unknown key is underlined on the key, and the message names the key path', () => {
    const text = 'services:\n  web:\n    image: busybox\n    prots: ["80"]\n';
    const [problem, ...rest] = checkComposeText(text, 'compose.yaml');
    assert.deepEqual(rest, []);
    assert.ok(problem);
    assert.equal(problem.severity, 'error');
    assert.deepEqual([problem.startLine, problem.startColumn, problem.endLine, problem.endColumn], [3, 4, 3, 9]);
    assert.equal(covered(text, problem), 'prots');
    assert.match(problem.message, /services\.web .*prots/);
  });

  it('a wrong type is underlined on the value, with the index in the key path', () => {
    const text = 'services:\n  web:\n    image: busybox\n    ports:\n      - "80:80"\n      - true\n';
    const [problem] = checkComposeText(text, 'compose.yaml');
    assert.ok(problem);
    assert.equal(covered(text, problem), 'true');
    assert.match(problem.message, /services\.web\.ports\[1\] must be .* not the boolean true/);
  });

  it('a block mapping where a string belongs is underlined on its first line only', () => {
    const text = 'services:\n  web:\n    image:\n      name: busybox\n      tag: latest\n';
    const [problem] = checkComposeText(text, 'compose.yaml');
    assert.ok(problem);
    assert.equal(problem.startLine, problem.endLine);
    assert.equal(problem.startLine, 3);
    assert.equal(covered(text, problem), 'name: busybox');
    assert.match(problem.message, /services\.web\.image must be a string, not a mapping/);
  });

  it('a bad enum value names the allowed values', () => {
    const text = 'services:\n  web:\n    image: busybox\n    depends_on:\n      db:\n        condition: service_ready\n  db:\n    image: busybox\n';
    const [problem] = checkComposeText(text, 'compose.yaml');
    assert.ok(problem);
    assert.equal(covered(text, problem), 'service_ready');
    assert.match(problem.message, /condition must be one of "service_started", "service_healthy", "service_completed_successfully"/);
  });

  it('a key reached through a merge key (<<) is found where the anchor wrote it', () => {
    const text = 'x-base: &base\n  imagez: busybox\nservices:\n  web:\n    <<: *base\n';
    const [problem] = checkComposeText(text, 'compose.yaml');
    assert.ok(problem);
    assert.equal(covered(text, problem), 'imagez');
  });

  it('several problems are all reported', () => {
    const text = 'version: 3\nservices:\n  a:\n    image: 1\n    bogus: 1\n  b:\n    restart: [x]\nunknown: 1\n';
    const problems = checkComposeText(text, 'compose.yaml').map((problem) => `${problem.severity} ${covered(text, problem)}`).sort();
    assert.deepEqual(problems, ['error 1', 'error 3', 'error [x]', 'error bogus', 'error unknown', 'warning version']);
  });

  it('a YAML syntax error is reported at its place and schema checks are skipped', () => {
    const text = 'services:\n  web:\n    image: busybox\n   bad: [\n';
    const problems = checkComposeText(text, 'compose.yaml');
    assert.ok(problems.length > 0);
    assert.ok(problems.every((problem) => problem.severity === 'error' && problem.startLine >= 2), JSON.stringify(problems));
  });

  it('a duplicate key is an error on the second key', () => {
    const text = 'services:\n  web:\n    image: a\n    image: b\n';
    const [problem] = checkComposeText(text, 'compose.yaml');
    assert.ok(problem);
    assert.equal(problem.startLine, 3);
    assert.equal(covered(text, problem), 'image');
  });

  it('version is a warning on its key: obsolete, ignored', () => {
    const text = 'version: "3.9"\nservices:\n  web:\n    image: busybox\n';
    const problems = checkComposeText(text, 'compose.yaml');
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.severity, 'warning');
    assert.equal(covered(text, problems[0] as ComposeTextProblem), 'version');
  });

  it('!reset and !override are accepted tags, not errors', () => {
    assert.deepEqual(checkComposeText('services:\n  web:\n    ports: !reset []\n    environment: !override {A: "1"}\n', 'compose.override.yaml'), []);
  });
});
