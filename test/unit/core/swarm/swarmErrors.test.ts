// The engine's words for swarm failures become SwarmError kinds in one place (swarmErrors.ts).
// The messages below are what dockerd 20.10 and swarmkit answer (seen on this machine's engines).
import * as assert from 'node:assert/strict';
import { SwarmError, swarmErrorKindOf, toSwarmError } from '../../../../src/core/swarm/swarmErrors';

/** A failed call as docker-modem reports it: status code and the engine's JSON message. */
function engineFailure(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message}`), { statusCode, json: { message } });
}

describe('swarm error kinds from engine answers', () => {
  const cases: [string, number, string, SwarmError['kind']][] = [
    ['init in a swarm', 503, 'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.', 'already-in-swarm'],
    ['leave in none', 503, 'This node is not part of a swarm', 'not-in-swarm'],
    ['manage in none', 503, 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.', 'not-in-swarm'],
    ['manage on a worker', 503, "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.", 'not-manager'],
    ['rotated token', 500, 'rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster', 'token-rejected'],
    ['refused swarm port', 500, 'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing dial tcp 10.77.0.1:2399: connect: connection refused"', 'manager-unreachable'],
    ['join timed out', 500, 'Timeout was reached before node joined. The attempt to join the swarm will continue in the background. Use the "docker info" command to see the current swarm status of your node.', 'manager-unreachable'],
    ['no leader', 500, "rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.", 'no-quorum'],
    ['locked', 503, 'Swarm is encrypted and needs to be unlocked before it can be used. Please use "docker swarm unlock" to unlock it.', 'locked'],
  ];
  for (const [what, status, message, kind] of cases) {
    it(`${what} → ${kind}`, () => {
      assert.equal(swarmErrorKindOf(engineFailure(status, message)), kind);
    });
  }

  it('a deadline is an unreachable manager for a join, and no quorum for a call on a manager', () => {
    const deadline = engineFailure(500, 'rpc error: code = DeadlineExceeded desc = context deadline exceeded');
    assert.equal(swarmErrorKindOf(deadline, { joining: true }), 'manager-unreachable');
    assert.equal(swarmErrorKindOf(deadline), 'no-quorum');
  });

  it('leaves other failures alone: no kind, and toSwarmError returns the error itself', () => {
    const other = engineFailure(404, 'service dh-x not found');
    assert.equal(swarmErrorKindOf(other), undefined);
    assert.equal(toSwarmError(other, { address: 'local' }), other);
  });

  it('a transport failure is manager-unreachable only on the connection to the manager a join reads from', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    assert.equal(swarmErrorKindOf(refused), undefined);
    assert.equal(swarmErrorKindOf(refused, { managerConnection: true }), 'manager-unreachable');
    const timedOut = Object.assign(new Error('No answer'), { name: 'TimeoutError' });
    assert.equal(swarmErrorKindOf(timedOut, { managerConnection: true }), 'manager-unreachable');
  });

  it('makes a SwarmError naming the machine, what to do and the engine words, with the original as cause', () => {
    const original = engineFailure(503, 'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.');
    const error = toSwarmError(original, { address: '10.77.0.2' });
    assert.ok(error instanceof SwarmError);
    assert.equal(error.kind, 'already-in-swarm');
    assert.match(error.message, /^10\.77\.0\.2: it is already in a swarm: leave that swarm first/);
    assert.match(error.message, /answered 503/);
    assert.equal(error.cause, original);
    assert.equal(toSwarmError(error, { address: 'x' }), error, 'a SwarmError passes through unchanged');
  });
});
