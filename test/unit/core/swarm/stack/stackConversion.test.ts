// convertStack on the fixture corpus: the plan holds what docker/cli's convert package makes of
// each file (names scoped by the namespace, labels, deploy: keys, mounts, networks, secrets),
// and refuses or warns where the CLI does. The same corpus is deployed against the real CLI in
// test/integration/swarm/stackVsCli.test.ts.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadComposeProject } from '../../../../../src/core/compose/model/loadProject';
import { convertStack } from '../../../../../src/core/swarm/stack/stackConversion';
import { loadStackSource } from '../../../../../src/core/swarm/stack/stackSource';
import { StackConversionError, type EngineJson, type StackPlan } from '../../../../../src/core/swarm/stack/stackTypes';
import { projectRoot } from '../../../projectFiles';

const FIXTURES = path.join(projectRoot(), 'test', 'unit', 'core', 'swarm', 'stack', 'fixtures');

async function plan(fixture: string, namespace = 'ns'): Promise<StackPlan> {
  const source = await loadStackSource({ files: [path.join(FIXTURES, fixture)], environment: {}, projectName: namespace });
  return convertStack(source.project, namespace, source.extras);
}

function service(stack: StackPlan, key: string): { spec: EngineJson; template: EngineJson; container: EngineJson } {
  const found = stack.services.find((item) => item.key === key);
  assert.ok(found, `service ${key} in the plan`);
  const template = found.spec['TaskTemplate'] as EngineJson;
  return { spec: found.spec, template, container: template['ContainerSpec'] as EngineJson };
}

async function planOf(text: string): Promise<StackPlan> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-stack-unit-'));
  try {
    writeFileSync(path.join(dir, 'compose.yaml'), text);
    const source = await loadStackSource({ files: [path.join(dir, 'compose.yaml')], environment: {}, projectName: 'ns' });
    return await convertStack(source.project, 'ns', source.extras);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('convertStack (compose project → docker stack deploy plan)', () => {
  it('scopes names by the namespace and labels the service, its containers and the default overlay network', async () => {
    const stack = await plan('basic.yaml');
    const web = service(stack, 'web');
    assert.equal(web.spec['Name'], 'ns_web');
    assert.deepEqual(web.spec['Labels'], { 'com.docker.stack.namespace': 'ns', 'com.docker.stack.image': 'docker-hosts/busybox:latest' });
    assert.deepEqual(web.container['Labels'], { 'dev.docker-hosts.role': 'web', 'com.docker.stack.namespace': 'ns' });
    assert.deepEqual(web.container['Env'], ['EMPTY=', 'GREETING=hello'], 'sorted KEY=value');
    assert.deepEqual(web.container['Args'], ['sleep', '600']);
    assert.deepEqual(web.template['Networks'], [{ Target: 'ns_default', Aliases: ['web'] }], 'the service name as alias on a user-defined network');
    assert.deepEqual((web.spec['EndpointSpec'] as EngineJson)['Ports'], [
      { Protocol: 'tcp', TargetPort: 80, PublishedPort: 18080, PublishMode: 'ingress' },
      { Protocol: 'udp', TargetPort: 81, PublishedPort: 18081, PublishMode: 'ingress' },
    ]);
    assert.deepEqual(stack.networks, [{ name: 'ns_default', spec: { Driver: 'overlay', Labels: { 'com.docker.stack.namespace': 'ns' } } }]);
    assert.deepEqual(stack.externalNetworks, []);
    assert.deepEqual(stack.warnings, []);
  });

  it('converts deploy: mode, replicas, resources, restart, update and rollback policies, placement, endpoint mode, labels', async () => {
    const stack = await plan('deploy.yaml');
    const api = service(stack, 'api');
    assert.deepEqual(api.spec['Mode'], { Replicated: { Replicas: 2 } });
    assert.equal((api.spec['Labels'] as Record<string, string>)['dev.docker-hosts.tier'], 'api');
    assert.deepEqual(api.template['Resources'], { Limits: { NanoCPUs: 500_000_000, MemoryBytes: 64 * 1024 ** 2, Pids: 100 }, Reservations: { NanoCPUs: 100_000_000, MemoryBytes: 16 * 1024 ** 2 } });
    assert.deepEqual(api.template['RestartPolicy'], { Condition: 'on-failure', Delay: 5e9, MaxAttempts: 3, Window: 120e9 });
    assert.deepEqual(api.spec['UpdateConfig'], { Parallelism: 2, Delay: 10e9, FailureAction: 'rollback', Monitor: 30e9, MaxFailureRatio: 0.25, Order: 'start-first' });
    assert.deepEqual(api.spec['RollbackConfig'], { Parallelism: 1, Order: 'stop-first' });
    assert.deepEqual(api.template['Placement'], { Constraints: ['node.role == manager'], Preferences: [{ Spread: { SpreadDescriptor: 'node.labels.zone' } }], MaxReplicas: 2 });
    const dns = service(stack, 'dns');
    assert.deepEqual(dns.spec['Mode'], { Global: {} });
    assert.deepEqual(dns.spec['EndpointSpec'], { Mode: 'dnsrr' });
  });

  it('converts container settings, mounts (named volumes scoped), networks with aliases, and lists external networks apart', async () => {
    const stack = await plan('container.yaml');
    const app = service(stack, 'app');
    assert.deepEqual(app.container['Command'], ['/bin/sh', '-c'], 'entrypoint is the Command');
    assert.deepEqual(app.container['Hosts'], ['10.1.2.3 db.example']);
    assert.deepEqual(app.container['CapabilityAdd'], ['CAP_NET_ADMIN']);
    assert.deepEqual(app.container['CapabilityDrop'], ['CAP_MKNOD']);
    assert.deepEqual(app.container['Ulimits'], [{ Name: 'nofile', Soft: 1024, Hard: 2048 }, { Name: 'nproc', Soft: 512, Hard: 512 }]);
    assert.deepEqual(app.container['Healthcheck'], { Test: ['CMD', 'true'], Timeout: 2e9, Interval: 10e9, Retries: 3, StartPeriod: 5e9 });
    assert.equal(app.container['StopGracePeriod'], 3e9);
    assert.deepEqual(app.container['Mounts'], [
      { Type: 'volume', Target: '/data', Source: 'ns_data', VolumeOptions: { Labels: { 'dev.docker-hosts.volume': 'data', 'com.docker.stack.namespace': 'ns' } } },
      { Type: 'volume', Target: '/cache', ReadOnly: true, Source: 'ns_cache', VolumeOptions: { NoCopy: true, Labels: { 'com.docker.stack.namespace': 'ns' }, DriverConfig: { Name: 'local' } } },
      { Type: 'bind', Target: '/host-tmp', ReadOnly: true, Source: '/tmp' },
      { Type: 'tmpfs', Target: '/scratch', TmpfsOptions: { SizeBytes: 1048576 } },
      { Type: 'volume', Target: '/anonymous' },
    ]);
    assert.deepEqual(app.template['Networks'], [
      { Target: 'dh-stack-shared', Aliases: ['app'] },
      { Target: 'ns_back', Aliases: ['app'] },
      { Target: 'ns_front', Aliases: ['application', 'app'] },
    ]);
    assert.deepEqual(service(stack, 'helper').container['Healthcheck'], { Test: ['NONE'] });
    assert.deepEqual(stack.externalNetworks, ['dh-stack-shared']);
    assert.deepEqual(stack.networks.map((network) => network.name), ['ns_back', 'ns_default', 'ns_front']);
    assert.deepEqual(stack.networks.find((network) => network.name === 'ns_front')?.spec, { Driver: 'overlay', Labels: { 'dev.docker-hosts.net': 'front', 'com.docker.stack.namespace': 'ns' }, Attachable: true });
  });

  it('reads secrets and configs from their files and refers to them with the CLI defaults (target = key, root, 0444)', async () => {
    const stack = await plan('secrets.yaml');
    assert.deepEqual(stack.secrets.map((secret) => [secret.name, Buffer.from(secret.data, 'base64').toString()]), [
      ['ns_password', readFileSync(path.join(FIXTURES, 'password.txt'), 'utf8')],
      ['ns_token', 's3cret-token\n'],
    ]);
    assert.deepEqual(stack.configs.map((config) => config.name), ['ns_motd', 'ns_settings']);
    assert.ok(stack.secrets.every((secret) => secret.labels['com.docker.stack.namespace'] === 'ns'));
    const vault = stack.services.find((item) => item.key === 'vault');
    assert.deepEqual(vault?.secrets, [
      { name: 'ns_password', file: { Name: 'db-password', UID: '100', GID: '101', Mode: 0o400 } },
      { name: 'ns_token', file: { Name: 'token', UID: '0', GID: '0', Mode: 0o444 } },
    ]);
    assert.deepEqual(vault?.configs, [
      { name: 'ns_motd', file: { Name: '/etc/motd', UID: '0', GID: '0', Mode: 0o444 } },
      { name: 'ns_settings', file: { Name: 'settings', UID: '0', GID: '0', Mode: 0o444 } },
    ]);
  });

  it('warns about the keys a stack ignores in the CLI words, and still converts the legacy restart key as the CLI does', async () => {
    const stack = await plan('ignored.yaml');
    assert.deepEqual(stack.warnings, [
      'Ignoring unsupported options: build, links, restart',
      "Ignoring deprecated options:\n\ncontainer_name: Setting the container name is not supported.\nexpose: Exposing ports is unnecessary - services on the same network can access each other's containers on any port.",
      'Not applied to swarm services (the docker CLI ignores them too): depends_on',
    ]);
    assert.deepEqual(service(stack, 'worker').template['RestartPolicy'], { Condition: 'any' });
    assert.deepEqual(service(stack, 'queue').template['RestartPolicy'], { Condition: 'on-failure', MaxAttempts: 4 });
    assert.deepEqual(service(stack, 'worker').template['LogDriver'], { Name: 'json-file', Options: { 'max-size': '1m' } });
  });

  it('keeps the names the file gives, passes a variable without a value as its bare name, and converts job modes', async () => {
    const stack = await plan('names.yaml');
    const named = service(stack, 'named');
    assert.deepEqual(named.template['Networks'], [{ Target: 'dh-stack-fixture-custom', Aliases: ['named'] }]);
    assert.equal((named.container['Mounts'] as EngineJson[])[0]?.['Source'], 'dh-stack-fixture-store');
    assert.deepEqual(named.container['Env'], ['DECLARED_ONLY', 'SET=yes']);
    assert.deepEqual(stack.secrets.map((secret) => secret.name), ['dh-stack-fixture-key']);
    assert.deepEqual(stack.networks[0]?.spec['IPAM'], { Config: [{ Subnet: '10.213.7.0/24' }] });
    assert.deepEqual(service(stack, 'once').spec['Mode'], { ReplicatedJob: { MaxConcurrent: 2, TotalCompletions: 2 } });
    assert.deepEqual(service(stack, 'everywhere-once').spec['Mode'], { GlobalJob: {} });
  });

  it('refuses what the CLI refuses: forbidden keys, replicas with global mode, a service without an image', async () => {
    await assert.rejects(planOf('services:\n  s:\n    image: busybox\n    mem_limit: 64m\n'), (error: Error) => error instanceof StackConversionError && /mem_limit: Set resource limits using deploy.resources/.test(error.message));
    await assert.rejects(planOf('services:\n  s:\n    image: busybox\n    deploy:\n      mode: global\n      replicas: 2\n'), /replicas can only be used with replicated or replicated-job mode/);
    await assert.rejects(planOf('services:\n  s:\n    build: .\n'), /invalid image reference for service s: no image specified/);
    const project = await loadComposeProject({ files: [path.join(FIXTURES, 'basic.yaml')], environment: {}, projectName: 'ns' });
    await assert.rejects(convertStack(project, ' "" '), /invalid stack name/);
  });

  it("passes on the loader's warnings (keys the compose model does not carry) with its own", async () => {
    const stack = await planOf('services:\n  s:\n    image: busybox\n    oom_score_adj: 100\n');
    assert.deepEqual(stack.warnings, ['service s: Docker Hosts does not apply oom_score_adj yet']);
  });

  it('without the raw deploy section (a project from loadComposeProject alone) it still takes the replicas the model kept', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-stack-unit-'));
    try {
      writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  s:\n    image: busybox\n    deploy:\n      replicas: 3\n');
      const project = await loadComposeProject({ files: [path.join(dir, 'compose.yaml')], environment: {}, projectName: 'other' });
      const stack = await convertStack(project, 'ns');
      assert.deepEqual(stack.services[0]?.spec['Mode'], { Replicated: { Replicas: 3 } });
      assert.equal(stack.services[0]?.name, 'ns_s');
      assert.deepEqual(stack.networks.map((network) => network.name), ['ns_default'], 'the namespace, not the project name, scopes the default network');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
