import type { ComposeProject, ComposeService, ComposeServiceVolume } from '../../compose/model/composeModel';
import { convertDeploy, type DeployParts } from './deploySection';
import { scoped, scopedName } from './stackNames';
import { STACK_IMAGE_LABEL, STACK_NAMESPACE_LABEL, StackConversionError, type EngineJson, type StackFileReference, type StackService } from './stackTypes';

/**
 * One compose service as a ServiceSpec, field by field as docker/cli's convert.Service (28.x) makes
 * it. Names of volumes, networks, secrets and configs are scoped by the namespace unless the file
 * named them; the namespace label goes on the service, its containers and its volumes.
 */
export function convertService(project: ComposeProject, namespace: string, service: ComposeService, deploy: Record<string, unknown>): StackService {
  if (service.image === undefined || service.image === '') {
    throw new StackConversionError(`invalid image reference for service ${service.name}: no image specified`);
  }
  const parts: DeployParts = convertDeploy(service.name, deploy, service.restart);
  const stackLabel = { [STACK_NAMESPACE_LABEL]: namespace };
  const [capAdd, capDrop] = effectiveCapabilities(service.cap_add, service.cap_drop);
  const hosts = service.extra_hosts.flatMap((entry) => {
    const at = entry.search(/[:=]/);
    return at < 0 ? [] : [`${entry.slice(at + 1)} ${entry.slice(0, at)}`];
  });
  const ulimits = Object.entries(service.ulimits)
    .sort(([a], [b]) => compare(a, b))
    .map(([name, limit]) => ({ Name: name, Soft: limit.soft, Hard: limit.hard }));
  const containerSpec: EngineJson = {
    Image: service.image,
    Labels: { ...service.labels, ...stackLabel },
    ...optional('Command', service.entrypoint),
    ...optional('Args', service.command),
    ...optional('Hostname', service.hostname),
    ...(Object.keys(service.environment).length === 0 ? {} : { Env: environment(service.environment) }),
    ...optional('Dir', service.working_dir),
    ...optional('User', service.user),
    ...(service.volumes.length === 0 ? {} : { Mounts: service.volumes.map((volume) => mount(project, namespace, volume)) }),
    ...optional('StopGracePeriod', service.stop_grace_period),
    ...optional('StopSignal', service.stop_signal),
    ...(service.tty === true ? { TTY: true } : {}),
    ...(service.stdin_open === true ? { OpenStdin: true } : {}),
    ...(service.read_only === true ? { ReadOnly: true } : {}),
    ...optional('Init', service.init),
    ...(hosts.length === 0 ? {} : { Hosts: hosts }),
    ...(service.dns.length === 0 ? {} : { DNSConfig: { Nameservers: service.dns } }),
    ...optional('Healthcheck', healthcheck(service)),
    ...(Object.keys(service.sysctls).length === 0 ? {} : { Sysctls: service.sysctls }),
    ...(capAdd.length === 0 ? {} : { CapabilityAdd: capAdd }),
    ...(capDrop.length === 0 ? {} : { CapabilityDrop: capDrop }),
    ...(ulimits.length === 0 ? {} : { Ulimits: ulimits }),
    // The CLI always sends an empty Privileges object, and the engine keeps it as sent.
    Privileges: { CredentialSpec: null, SELinuxContext: null },
  };
  const ports = [...service.ports]
    .map((port) => ({ Protocol: port.protocol, TargetPort: port.target, ...(port.published === undefined ? {} : { PublishedPort: Number(port.published) }), PublishMode: port.mode }))
    .sort((a, b) => (a.PublishedPort ?? 0) - (b.PublishedPort ?? 0));
  const name = scoped(namespace, service.name);
  const spec: EngineJson = {
    Name: name,
    Labels: { ...parts.labels, ...stackLabel, [STACK_IMAGE_LABEL]: service.image },
    TaskTemplate: {
      ContainerSpec: containerSpec,
      Resources: parts.resources,
      ...optional('RestartPolicy', parts.restartPolicy),
      Placement: parts.placement,
      Networks: networks(project, namespace, service),
      ...(service.logging === undefined ? {} : { LogDriver: { Name: service.logging.driver ?? '', Options: service.logging.options } }),
    },
    Mode: parts.mode,
    ...optional('UpdateConfig', parts.updateConfig),
    ...optional('RollbackConfig', parts.rollbackConfig),
    EndpointSpec: { ...optional('Mode', parts.endpointMode), ...(ports.length === 0 ? {} : { Ports: ports }) },
  };
  return {
    key: service.name,
    name,
    spec,
    secrets: references(service.secrets, (key) => scopedName(project, namespace, key, project.secrets[key])),
    configs: references(service.configs, (key) => scopedName(project, namespace, key, project.configs[key])),
  };
}

/** `KEY=value`, or `KEY` alone for a variable declared without a value (the CLI's convertEnvironment), sorted. */
function environment(variables: Readonly<Record<string, string | null>>): string[] {
  return Object.entries(variables)
    .map(([key, value]) => (value === null ? key : `${key}=${value}`))
    .sort(compare);
}

function mount(project: ComposeProject, namespace: string, volume: ComposeServiceVolume): EngineJson {
  const base: EngineJson = { Type: volume.type, Target: volume.target, ...(volume.read_only ? { ReadOnly: true } : {}) };
  switch (volume.type) {
    case 'volume': {
      if (volume.source === undefined) {
        return base; // anonymous
      }
      const declared = project.volumes[volume.source];
      const options: EngineJson = {
        ...(volume.volume?.nocopy === true ? { NoCopy: true } : {}),
        ...(volume.volume?.subpath === undefined ? {} : { Subpath: volume.volume.subpath }),
      };
      const source = scopedName(project, namespace, volume.source, declared);
      if (declared === undefined || declared.external) {
        return { ...base, Source: source, VolumeOptions: options };
      }
      const driverOptions = Object.keys(declared.driver_opts).length > 0;
      return {
        ...base,
        Source: source,
        VolumeOptions: {
          ...options,
          Labels: { ...declared.labels, [STACK_NAMESPACE_LABEL]: namespace },
          ...(declared.driver === undefined && !driverOptions ? {} : { DriverConfig: { ...optional('Name', declared.driver), ...(driverOptions ? { Options: declared.driver_opts } : {}) } }),
        },
      };
    }
    case 'bind':
    case 'npipe':
      return { ...base, Source: volume.source ?? '', ...(volume.bind?.propagation === undefined ? {} : { BindOptions: { Propagation: volume.bind.propagation } }) };
    case 'tmpfs':
      return { ...base, ...(volume.tmpfs?.size === undefined ? {} : { TmpfsOptions: { SizeBytes: volume.tmpfs.size } }) };
    default:
      return { ...base, Source: volume.source ?? '' };
  }
}

/** Sorted by target; each user-defined network also knows the service by its compose name (the CLI's default alias). */
function networks(project: ComposeProject, namespace: string, service: ComposeService): EngineJson[] {
  const attached = Object.keys(service.networks).length === 0 ? { default: {} } : service.networks;
  return Object.entries(attached)
    .map(([key, attachment]) => {
      const target = scopedName(project, namespace, key, project.networks[key]);
      const builtIn = ['host', 'bridge', 'none', 'default'].includes(target) || target.startsWith('container:');
      const aliases = [...(attachment.aliases ?? []), ...(builtIn ? [] : [service.name])];
      return { Target: target, ...(aliases.length === 0 ? {} : { Aliases: aliases }) };
    })
    .sort((a, b) => compare(a.Target, b.Target));
}

function healthcheck(service: ComposeService): EngineJson | undefined {
  const check = service.healthcheck;
  if (check === undefined) {
    return undefined;
  }
  if (check.disable === true) {
    return { Test: ['NONE'] };
  }
  return {
    ...optional('Test', check.test),
    ...(check.timeout ? { Timeout: check.timeout } : {}),
    ...(check.interval ? { Interval: check.interval } : {}),
    ...(check.retries ? { Retries: check.retries } : {}),
    ...(check.start_period ? { StartPeriod: check.start_period } : {}),
    ...(check.start_interval ? { StartInterval: check.start_interval } : {}),
  };
}

/** Target defaults to the compose key; owner root; mode 0444 (the CLI's convertFileObject); sorted by name. */
function references(refs: ComposeService['secrets'], nameOf: (key: string) => string): StackFileReference[] {
  return refs
    .map((ref) => ({
      name: nameOf(ref.source),
      file: { Name: ref.target ?? ref.source, UID: ref.uid ?? '0', GID: ref.gid ?? '0', Mode: ref.mode ?? 0o444 },
    }))
    .sort((a, b) => compare(a.name, b.name));
}

/** As opts.EffectiveCapAddCapDrop: upper-case with CAP_, ALL trumps the rest, adding beats dropping, sorted. */
function effectiveCapabilities(add: readonly string[], drop: readonly string[]): [string[], string[]] {
  const normalise = (capability: string): string => {
    const upper = capability.trim().toUpperCase();
    return upper === 'ALL' || upper === 'RESET' || upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
  };
  let added = new Set(add.map(normalise));
  let dropped = new Set(drop.map(normalise));
  if (added.has('ALL')) added = new Set(['ALL']);
  if (dropped.has('ALL')) dropped = new Set(['ALL']);
  const capAdd = [...added].filter((c) => c !== 'RESET').sort(compare);
  const capDrop = [...dropped].filter((c) => c !== 'RESET' && !added.has(c)).sort(compare);
  return [capAdd, capDrop];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
