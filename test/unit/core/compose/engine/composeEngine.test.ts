// The engine side's pure parts: the config hash (what changes it and what must not), the order
// services are worked in, and the container create body (names, labels, aliases, mounts, ports)
// as docker compose v2 writes them.
import * as assert from 'node:assert/strict';
import { canonicalJson, serviceConfigHash } from '../../../../../src/core/compose/engine/configHash';
import { dependencyWaves, inDependencyOrder, selectServices } from '../../../../../src/core/compose/engine/dependencyOrder';
import { containerCreateBody, containerName, extraNetworks, serviceImageName } from '../../../../../src/core/compose/engine/containerSpec';
import { COMPOSE_LABELS } from '../../../../../src/core/compose/engine/composeLabels';
import { ComposeServiceError } from '../../../../../src/core/compose/engine/composeTypes';
import { servicesFromLabels, toState, withRestartDependants } from '../../../../../src/core/compose/engine/projectContainers';
import { resolveServiceReferences } from '../../../../../src/core/compose/engine/serviceReferences';
import { network, project, service, volume } from '../../../../support/composeModels';
import { loadComposeProject } from '../../../../../src/core/compose/model/loadProject';
import type { ComposeService } from '../../../../../src/core/compose/model/composeModel';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The parts of the create body the assertions read.
interface CreateBody {
  Image: string;
  Labels: Record<string, string>;
  Env: string[];
  ExposedPorts: Record<string, object>;
  Healthcheck: unknown;
  StopTimeout: number;
  NetworkingConfig: unknown;
  HostConfig: { PortBindings: unknown; Binds: unknown; Mounts: unknown; RestartPolicy: unknown; NetworkMode: string };
}

const dep = (condition: 'service_started' | 'service_healthy' | 'service_completed_successfully' = 'service_started') => ({ condition, restart: false, required: true });

describe('compose config hash', () => {
  const base = service('web', { image: 'nginx', environment: { A: '1', B: '2' }, ports: [{ target: 80, published: '8080', protocol: 'tcp', mode: 'ingress' }] });

  it('does not depend on the order keys were written in', () => {
    const reordered = service('web', { ports: base.ports, environment: { B: '2', A: '1' }, image: 'nginx' });
    assert.equal(serviceConfigHash(reordered), serviceConfigHash(base));
    assert.equal(canonicalJson({ b: 1, a: [{ d: 1, c: undefined }] }), '{"a":[{"d":1}],"b":1}');
  });

  it('changes with what the container is made from (env, image, ports, command)', () => {
    const hashes = new Set([
      serviceConfigHash(base),
      serviceConfigHash({ ...base, environment: { A: '1', B: '3' } }),
      serviceConfigHash({ ...base, image: 'nginx:2' }),
      serviceConfigHash({ ...base, ports: [] }),
      serviceConfigHash({ ...base, command: ['sh'] }),
    ]);
    assert.equal(hashes.size, 5);
  });

  it('ignores what v2 leaves out: replicas, build, pull_policy, depends_on, profiles', () => {
    const same = { ...base, replicas: 3, pull_policy: 'always' as const, depends_on: { db: dep() }, profiles: ['x'], build: { context: '/c', dockerfile: 'Dockerfile', args: {}, labels: {}, cache_from: [], tags: [] } };
    assert.equal(serviceConfigHash(same), serviceConfigHash(base));
  });

  it("changes with the service's network config as v2's does (networks joined, aliases, addresses, priority)", () => {
    const onDefault = { ...base, networks: { default: {} } };
    const hashes = new Set([
      serviceConfigHash(onDefault),
      serviceConfigHash({ ...base, networks: { back: {} } }),
      serviceConfigHash({ ...base, networks: { default: {}, back: {} } }),
      serviceConfigHash({ ...base, networks: { default: { aliases: ['api'] } } }),
      serviceConfigHash({ ...base, networks: { default: { aliases: ['api', 'web2'] } } }),
      serviceConfigHash({ ...base, networks: { default: { ipv4_address: '172.30.0.5' } } }),
      serviceConfigHash({ ...base, networks: { default: { priority: 10 } } }),
    ]);
    assert.equal(hashes.size, 7);
  });

  it('hashes a service without networks as the loader resolves it: the same as `networks: [default]`', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-hash-'));
    const load = async (networks: string): Promise<ComposeService> => {
      writeFileSync(path.join(dir, 'compose.yaml'), `services:\n  web:\n    image: busybox\n${networks}`);
      const loaded = await loadComposeProject({ files: [path.join(dir, 'compose.yaml')], environment: {}, projectName: 'hash' });
      return loaded.services['web'] as ComposeService;
    };
    try {
      const absent = serviceConfigHash(await load(''));
      assert.equal(serviceConfigHash(await load('    networks: [default]\n')), absent);
      assert.notEqual(serviceConfigHash(await load('    networks:\n      default:\n        aliases: [api]\n')), absent);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('compose dependency order', () => {
  const p = project('demo', [
    service('web', { depends_on: { api: dep(), cache: dep() } }),
    service('api', { depends_on: { db: dep('service_healthy') } }),
    service('db'),
    service('cache'),
    service('tool'),
  ]);

  it('puts every service after what it depends on, independent ones in one wave', () => {
    const waves = dependencyWaves(Object.values(p.services)).map((wave) => wave.map((s) => s.name).sort());
    assert.deepEqual(waves, [['cache', 'db', 'tool'], ['api'], ['web']]);
  });

  it('selects the services asked for plus their dependencies, and names an unknown one', () => {
    assert.deepEqual(selectServices(p, ['api']).map((s) => s.name).sort(), ['api', 'db']);
    assert.deepEqual(selectServices(p, ['web'], false).map((s) => s.name), ['web']);
    assert.throws(() => selectServices(p, ['nope']), /No service "nope" in project "demo"/);
  });

  it('reports a depends_on cycle naming its services, before any work', async () => {
    const cyclic = [service('a', { depends_on: { b: dep() } }), service('b', { depends_on: { a: dep() } }), service('c')];
    assert.throws(() => dependencyWaves(cyclic), (e: unknown) => e instanceof ComposeServiceError && /cycle among services a, b/.test(e.message));
    const ran: string[] = [];
    await assert.rejects(inDependencyOrder(cyclic, 'dependencies-first', async (s) => void ran.push(s.name)), /cycle/);
    assert.deepEqual(ran, []);
  });

  it('runs a service only after its prerequisites, in both directions, and skips dependants of a failure', async () => {
    const order: string[] = [];
    await inDependencyOrder(Object.values(p.services), 'dependencies-first', async (s) => void order.push(s.name));
    assert.ok(order.indexOf('db') < order.indexOf('api') && order.indexOf('api') < order.indexOf('web') && order.indexOf('cache') < order.indexOf('web'));
    const stopOrder: string[] = [];
    await inDependencyOrder(Object.values(p.services), 'dependants-first', async (s) => void stopOrder.push(s.name));
    assert.ok(stopOrder.indexOf('web') < stopOrder.indexOf('api') && stopOrder.indexOf('api') < stopOrder.indexOf('db'));
    const ran: string[] = [];
    await assert.rejects(inDependencyOrder(Object.values(p.services), 'dependencies-first', async (s) => {
      if (s.name === 'db') throw new Error('db failed');
      ran.push(s.name);
    }), /db failed/);
    assert.deepEqual(ran.sort(), ['cache', 'tool'], 'api and web never ran; the independent services did');
  });

  it('orders containers found only by their labels (down without the files), with the conditions they record', () => {
    const raw = (svc: string, deps: string) => toState({ Id: svc, Labels: { [COMPOSE_LABELS.service]: svc, [COMPOSE_LABELS.dependsOn]: deps } });
    const services = servicesFromLabels([raw('web', 'db:service_healthy:false,cache:service_started:true'), raw('db', ''), raw('cache', '')]);
    assert.deepEqual(dependencyWaves(services).map((w) => w.map((s) => s.name).sort()), [['cache', 'db'], ['web']]);
    assert.deepEqual(services.find((s) => s.name === 'web')?.depends_on, {
      db: { condition: 'service_healthy', restart: false, required: true },
      cache: { condition: 'service_started', restart: true, required: true },
    });
  });

  it('resolves service:<name> namespaces to the first container of that service, and names a missing one', () => {
    const sidecar = service('sidecar', { network_mode: 'service:web', ipc: 'service:web', pid: 'host' });
    const resolved = resolveServiceReferences(sidecar, (name) => (name === 'web' ? [{ id: 'abc' }, { id: 'def' }] : undefined));
    assert.equal(resolved.network_mode, 'container:abc');
    assert.equal(resolved.ipc, 'container:abc');
    assert.equal(resolved.pid, 'host');
    assert.equal(resolveServiceReferences(service('plain'), () => undefined).name, 'plain');
    assert.throws(() => resolveServiceReferences(sidecar, () => []), /Service "sidecar" shares a namespace with service "web", which has no container/);
  });
});

describe('compose container create body', () => {
  const web = service('web', {
    build: { context: '/src', dockerfile: 'Dockerfile', args: {}, labels: {}, cache_from: [], tags: [] },
    environment: { B: '2', A: '1', UNSET: null },
    labels: { mine: 'yes' },
    ports: [{ target: 80, published: '8080', host_ip: '127.0.0.1', protocol: 'tcp', mode: 'ingress' }, { target: 53, protocol: 'udp', mode: 'ingress' }],
    expose: ['9000'],
    volumes: [
      { type: 'volume', source: 'data', target: '/data', read_only: false },
      { type: 'bind', source: '/host/conf', target: '/conf', read_only: true },
      { type: 'volume', target: '/anon', read_only: false },
      { type: 'tmpfs', target: '/scratch', read_only: false, tmpfs: { size: 1024 } },
    ],
    networks: { front: { aliases: ['www'] }, back: { priority: 10 } },
    depends_on: { db: dep('service_healthy') },
    healthcheck: { test: ['CMD', 'true'], interval: 1e9, retries: 3 },
    restart: 'on-failure:3',
    stop_grace_period: 2.5e9,
  });
  const p = project('demo', [web], { networks: { front: network('demo_front'), back: network('demo_back') }, volumes: { data: volume('demo_data') } });
  const body = containerCreateBody(p, web, { number: 2, name: containerName('demo', web, 2), configHash: 'abc', imageId: 'sha256:1' }) as unknown as CreateBody;

  it('names the container, image and labels as v2 does', () => {
    assert.equal(containerName('demo', web, 2), 'demo-web-2');
    assert.equal(containerName('demo', { ...web, container_name: 'fixed' }, 1), 'fixed');
    assert.equal(serviceImageName('demo', web), 'demo-web');
    assert.equal(body.Image, 'demo-web');
    assert.deepEqual(body.Labels, {
      mine: 'yes',
      'com.docker.compose.project': 'demo',
      'com.docker.compose.service': 'web',
      'com.docker.compose.container-number': '2',
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.config-hash': 'abc',
      'com.docker.compose.project.working_dir': '/work/demo',
      'com.docker.compose.project.config_files': '/work/demo/compose.yaml',
      'com.docker.compose.depends_on': 'db:service_healthy:false',
      'com.docker.compose.version': body.Labels['com.docker.compose.version'],
      'com.docker.compose.image': 'sha256:1',
    });
  });

  it('sets env (unset variables left out), ports, mounts, healthcheck, restart and stop timeout', () => {
    assert.deepEqual(body.Env, ['A=1', 'B=2']);
    assert.deepEqual(Object.keys(body.ExposedPorts).sort(), ['53/udp', '80/tcp', '9000/tcp']);
    assert.deepEqual(body.HostConfig.PortBindings, { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }], '53/udp': [{ HostIp: '', HostPort: '' }] });
    assert.deepEqual(body.HostConfig.Binds, ['demo_data:/data:rw', '/host/conf:/conf:ro']);
    assert.deepEqual(body.HostConfig.Mounts, [{ Type: 'volume', Target: '/anon', ReadOnly: false }, { Type: 'tmpfs', Target: '/scratch', ReadOnly: false, TmpfsOptions: { SizeBytes: 1024 } }]);
    assert.deepEqual(body.Healthcheck, { Test: ['CMD', 'true'], Interval: 1e9, Retries: 3 });
    assert.deepEqual(body.HostConfig.RestartPolicy, { Name: 'on-failure', MaximumRetryCount: 3 });
    assert.equal(body.StopTimeout, 3);
  });

  it('attaches the highest-priority network at create and the others after, with v2 aliases (container, service, file)', () => {
    assert.equal(body.HostConfig.NetworkMode, 'demo_back');
    assert.deepEqual(body.NetworkingConfig, { EndpointsConfig: { demo_back: { Aliases: ['demo-web-2', 'web'] } } });
    assert.deepEqual(extraNetworks(p, web, 'demo-web-2'), [{ network: 'demo_front', endpoint: { Aliases: ['demo-web-2', 'web', 'www'] } }]);
  });
});

describe('compose restart of a service with dependants', () => {
  const labelled = (service: string, dependsOn: string) => toState({ Id: service, Labels: { [COMPOSE_LABELS.service]: service, [COMPOSE_LABELS.dependsOn]: dependsOn } });

  it('adds, transitively, the dependants whose depends_on says restart: true, not the others', () => {
    const containers = [
      labelled('db', ''),
      labelled('api', 'db:service_healthy:true'),
      labelled('web', 'api:service_started:true'),
      labelled('worker', 'db:service_started:false'),
    ];
    assert.deepEqual(withRestartDependants(containers, ['db']).sort(), ['api', 'db', 'web']);
    assert.deepEqual(withRestartDependants(containers, ['worker']), ['worker']);
  });
});
