// `docker stack deploy` (the docker 28 CLI) against ours, on the local engine made a single-node
// swarm, holding /tmp/dh-swarm.lock throughout (swarm mode is shared by everyone on this machine).
// For each compose file of the corpus, the CLI deploys it as one namespace and we deploy it as
// another; the service specs the engine then reports must be equal, or differ only where this
// file says why. Also: re-deploy updates, prune, remove, and the external-network checks.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EngineClient } from '../../../src/core/engine/engineClient';
import { convertStack } from '../../../src/core/swarm/stack/stackConversion';
import { deployStack, StackDeployError } from '../../../src/core/swarm/stack/stackDeploy';
import { listStacks, removeStack } from '../../../src/core/swarm/stack/stackRemoval';
import { loadStackSource } from '../../../src/core/swarm/stack/stackSource';
import type { StackPlan } from '../../../src/core/swarm/stack/stackTypes';
import { projectRoot } from '../../unit/projectFiles';
import { docker, holdSwarmLock, initSingleNodeSwarm, LOCK_WAIT_SECONDS, jsonDifferences, labelledLeftovers, leaveSwarm, localClient, stackNetworks, stackServiceSpecs, swarmState } from './stackSupport';

const CORPUS = path.join(projectRoot(), 'test', 'unit', 'core', 'swarm', 'stack', 'fixtures');
const SHARED_OVERLAY = 'dh-stack-shared';

/** Differences from the CLI that are ours on purpose, per fixture and path, with the reason. */
const EXPLAINED: Record<string, Record<string, string>> = {};

async function planFor(file: string, namespace: string): Promise<StackPlan> {
  const source = await loadStackSource({ files: [file], environment: {}, projectName: namespace });
  return convertStack(source.project, namespace, source.extras);
}

/** `docker stack rm`, then ours for what it left: it tries a network once, and the leaving tasks may still hold it. */
async function cliRemove(namespace: string, client: EngineClient): Promise<void> {
  const networks = (await labelledLeftovers(client, namespace)).filter((item) => item.startsWith('network ')).map((item) => item.slice('network '.length));
  await docker(['stack', 'rm', namespace]);
  await removeStack(client, namespace);
  // The node's own copy of a removed overlay network goes a moment later; a fixed name is taken until then.
  const all = async (): Promise<string[]> => (await client.call<{ Name: string }[]>((d, abortSignal) => d.listNetworks({ abortSignal } as never))).map((network) => network.Name);
  for (let waited = 0; waited < 30_000 && (await all()).some((name) => networks.includes(name)); waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('swarm stacks (holding /tmp/dh-swarm.lock for the whole file)', function () {
  let releaseLock: () => void = () => undefined;
  before(async function () {
    this.timeout((LOCK_WAIT_SECONDS + 30) * 1000); // others' swarm runs may hold the lock a while
    releaseLock = await holdSwarmLock();
  });
  after(() => releaseLock());

  describe('on an engine that is not a swarm manager', function () {
    it('deployStack says the engine is not in a swarm', async function () {
      const client = localClient();
      try {
        if ((await swarmState()) !== 'inactive') {
          this.skip(); // a swarm left by a run stopped half-way: only meaningful on a plain engine
        }
        await assert.rejects(deployStack(client, await planFor(path.join(CORPUS, 'basic.yaml'), `dhnoswarm${Date.now().toString(36)}`)), /is not in a swarm \(state: inactive\): initialize a swarm on it, or join it to one as a manager/);
      } finally {
        client.dispose();
      }
    });
  });

  describe('against docker stack deploy (docker 28)', function () {
    this.timeout(180_000);
    const client = localClient();
    const suffix = Date.now().toString(36);
    let scratch: string;

    before(async function () {
      await initSingleNodeSwarm();
      await docker(['network', 'create', '--driver', 'overlay', '--attachable', SHARED_OVERLAY]).catch(() => undefined);
      scratch = mkdtempSync(path.join(os.tmpdir(), 'dh-stack-'));
    });

    after(async function () {
      for (const stack of await listStacks(client).catch(() => [])) {
        if (stack.name.endsWith(suffix)) await removeStack(client, stack.name).catch(() => undefined);
      }
      await docker(['network', 'rm', SHARED_OVERLAY]).catch(() => undefined);
      await docker(['network', 'rm', `dh-stack-local-${suffix}`]).catch(() => undefined);
      await leaveSwarm();
      client.dispose();
      rmSync(scratch, { recursive: true, force: true });
    });

    const corpus = readdirSync(CORPUS).filter((name) => name.endsWith('.yaml')).sort();
    for (const fixture of corpus) {
      it(`deploys ${fixture} with the same service specs as the CLI (or each difference explained)`, async function () {
        const file = path.join(CORPUS, fixture);
        const theirs = `dhcli${fixture.replace(/\W/g, '')}${suffix}`;
        const ours = `dhours${fixture.replace(/\W/g, '')}${suffix}`;
        await docker(['stack', 'deploy', '--detach=true', '--resolve-image', 'never', '-c', file, theirs], CORPUS);
        const theirSpecs = await stackServiceSpecs(client, theirs);
        const theirNetworks = await stackNetworks(client, theirs);
        await cliRemove(theirs, client);
        await deployStack(client, await planFor(file, ours));
        const ourSpecs = await stackServiceSpecs(client, ours);
        const ourNetworks = await stackNetworks(client, ours);
        await removeStack(client, ours);

        assert.deepEqual(Object.keys(ourSpecs).sort(), Object.keys(theirSpecs).sort(), 'the same services');
        const found = new Map<string, string>();
        for (const name of Object.keys(theirSpecs)) {
          jsonDifferences(ourSpecs[name], theirSpecs[name]).forEach((text, where) => found.set(`${name}: ${where}`, text));
        }
        jsonDifferences(ourNetworks, theirNetworks).forEach((text, where) => found.set(`networks: ${where}`, text));
        const explained = EXPLAINED[fixture] ?? {};
        const unexplained = [...found].filter(([where]) => explained[where] === undefined).map(([where, text]) => `${where}: ${text}`);
        assert.deepEqual(unexplained, [], `differences from the CLI nobody explained in ${fixture}`);
        assert.deepEqual(Object.keys(explained).filter((where) => !found.has(where)), [], 'explanations of differences that are gone');
        assert.ok(Object.keys(ourSpecs).length > 0, 'the stack had services to compare');
      });
    }

    /** A compose file of busybox services in the scratch folder; `env` sets one variable per service. */
    function writeStack(name: string, services: Record<string, string>): string {
      const body = Object.entries(services)
        .map(([service, value]) => `  ${service}:\n    image: docker-hosts/busybox:latest\n    command: ["sleep", "600"]\n    environment:\n      VALUE: "${value}"\n`)
        .join('');
      const file = path.join(scratch, `${name}.yaml`);
      writeFileSync(file, `services:\n${body}`);
      return file;
    }

    async function servicesOf(namespace: string): Promise<Map<string, { ID: string; Version: { Index: number }; Spec: { TaskTemplate: { ContainerSpec: { Env?: string[] } } } }>> {
      const services = await client.call<{ ID: string; Version: { Index: number }; Spec: { Name: string; TaskTemplate: { ContainerSpec: { Env?: string[] } } } }[]>((d, abortSignal) =>
        d.listServices({ filters: { label: [`com.docker.stack.namespace=${namespace}`] }, abortSignal } as never),
      );
      return new Map(services.map((service) => [service.Spec.Name, service]));
    }

    it('re-deploying a changed file updates the changed service in place (same ID, new spec)', async function () {
      const namespace = `dhredeploy${suffix}`;
      await deployStack(client, await planFor(writeStack('first', { a: 'one', b: 'same' }), namespace));
      const before = await servicesOf(namespace);
      const steps: string[] = [];
      await deployStack(client, await planFor(writeStack('second', { a: 'two', b: 'same' }), namespace), {}, (step) => steps.push(`${step.action} ${step.kind} ${step.name}`));
      const after = await servicesOf(namespace);
      assert.equal(after.get(`${namespace}_a`)?.ID, before.get(`${namespace}_a`)?.ID, 'updated, not replaced');
      assert.deepEqual(after.get(`${namespace}_a`)?.Spec.TaskTemplate.ContainerSpec.Env, ['VALUE=two']);
      assert.ok((after.get(`${namespace}_a`)?.Version.Index ?? 0) > (before.get(`${namespace}_a`)?.Version.Index ?? 0), 'a new version of the service');
      assert.deepEqual(steps.sort(), [`update service ${namespace}_a`, `update service ${namespace}_b`], 'networks already there are not made again');
      await removeStack(client, namespace);
    });

    it('a re-deploy of a changed file leaves the same specs as the CLI re-deploying it (image kept, ForceUpdate kept, previous spec)', async function () {
      const theirs = `dhcliupdate${suffix}`;
      const ours = `dhoursupdate${suffix}`;
      const first = writeStack('update-first', { a: 'one', b: 'same' });
      const second = writeStack('update-second', { a: 'two', b: 'same' });
      await docker(['stack', 'deploy', '--detach=true', '--resolve-image', 'never', '-c', first, theirs]);
      await docker(['stack', 'deploy', '--detach=true', '--resolve-image', 'never', '-c', second, theirs]);
      await deployStack(client, await planFor(first, ours));
      await deployStack(client, await planFor(second, ours));
      const read = async (namespace: string): Promise<Record<string, unknown>> => {
        const services = await client.call<{ Spec: { Name: string }; PreviousSpec?: unknown; Version: unknown }[]>((d, abortSignal) =>
          d.listServices({ filters: { label: [`com.docker.stack.namespace=${namespace}`] }, abortSignal } as never),
        );
        const text = JSON.stringify(Object.fromEntries(services.map((service) => [service.Spec.Name.slice(namespace.length + 1), { Spec: service.Spec, PreviousSpec: service.PreviousSpec }])));
        return JSON.parse(text.split(namespace).join('<ns>')) as Record<string, unknown>;
      };
      const [theirSpecs, ourSpecs] = [await read(theirs), await read(ours)];
      await cliRemove(theirs, client);
      await removeStack(client, ours);
      const differences = [...jsonDifferences(ourSpecs, theirSpecs)].filter(([where]) => !/\.Networks\[\d+\]\.Target$/.test(where)); // network IDs differ by nature
      assert.deepEqual(differences, []);
      assert.ok(JSON.stringify(ourSpecs).includes('VALUE=two'), 'the change is in');
    });

    it('prune removes the services a re-deployed file no longer has, and only with prune', async function () {
      const namespace = `dhprune${suffix}`;
      await deployStack(client, await planFor(writeStack('both', { keep: '1', drop: '1' }), namespace));
      const smaller = await planFor(writeStack('smaller', { keep: '1' }), namespace);
      await deployStack(client, smaller);
      assert.deepEqual([...(await servicesOf(namespace)).keys()].sort(), [`${namespace}_drop`, `${namespace}_keep`], 'without prune the dropped service stays');
      await deployStack(client, smaller, { prune: true });
      assert.deepEqual([...(await servicesOf(namespace)).keys()], [`${namespace}_keep`]);
      await removeStack(client, namespace);
    });

    it('removeStack leaves nothing with the namespace label (services, networks, secrets, configs)', async function () {
      const namespace = `dhremove${suffix}`;
      await deployStack(client, await planFor(path.join(CORPUS, 'secrets.yaml'), namespace));
      const made = await labelledLeftovers(client, namespace);
      assert.ok(made.some((item) => item.startsWith('secret ')) && made.some((item) => item.startsWith('config ')) && made.some((item) => item.startsWith('network ')), `made: ${made.join(', ')}`);
      assert.ok((await listStacks(client)).some((stack) => stack.name === namespace && stack.services === 1), 'listed as a stack of one service');
      await removeStack(client, namespace);
      assert.deepEqual(await labelledLeftovers(client, namespace), []);
      assert.ok(!(await listStacks(client)).some((stack) => stack.name === namespace), 'no longer listed');
    });

    it('an external network that is not swarm-scoped stops the deploy with a clear message, before anything is made', async function () {
      const local = `dh-stack-local-${suffix}`;
      await docker(['network', 'create', '--driver', 'bridge', local]);
      const file = path.join(scratch, 'external.yaml');
      writeFileSync(file, `services:\n  s:\n    image: docker-hosts/busybox:latest\n    networks: [outside]\nnetworks:\n  outside:\n    external: true\n    name: ${local}\n`);
      const namespace = `dhexternal${suffix}`;
      await assert.rejects(deployStack(client, await planFor(file, namespace)), (error: Error) => {
        assert.ok(error instanceof StackDeployError);
        assert.match(error.message, new RegExp(`network "${local}" is declared as external, but it is not in the right scope: "local" instead of "swarm"`));
        return true;
      });
      writeFileSync(file, `services:\n  s:\n    image: docker-hosts/busybox:latest\n    networks: [outside]\nnetworks:\n  outside:\n    external: true\n    name: dh-stack-missing-${suffix}\n`);
      await assert.rejects(deployStack(client, await planFor(file, namespace)), /network "dh-stack-missing-\w+" is declared as external, but could not be found/);
      assert.deepEqual(await labelledLeftovers(client, namespace), [], 'nothing made');
    });
  });
});
