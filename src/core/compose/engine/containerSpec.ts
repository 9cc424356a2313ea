import type { ComposeProject, ComposeService } from '../model/composeModel';
import { COMPOSE_LABELS, COMPOSE_VERSION } from './composeLabels';
import { fileObjectMounts } from './secretsAndConfigs';
import { volumeMounts } from './serviceMounts';

/** v2's container name: container_name, else `<project>-<service>-<n>`. */
export function containerName(project: string, service: ComposeService, number: number): string {
  return service.container_name ?? `${project}-${service.name}-${number}`;
}

/** The image a service runs: `image:`, else `<project>-<service>` (the name v2 tags a build with). */
export function serviceImageName(projectName: string, service: ComposeService): string {
  return service.image ?? `${projectName}-${service.name}`;
}

export interface ContainerPlan {
  readonly number: number;
  readonly name: string;
  readonly configHash: string;
  /** The id of the image the name resolved to (written as com.docker.compose.image, compared on re-up). */
  readonly imageId: string;
  /**
   * Anonymous volumes of the container this one replaces, by target: mounted again so that a
   * recreate keeps their data (as v2 does with the container it inherits from).
   */
  readonly inheritedVolumes?: Readonly<Record<string, string>>;
  /** Where secrets declared with `environment:` read their values (the environment the project was loaded with). */
  readonly secretEnvironment?: Readonly<Record<string, string | undefined>>;
}

/** Networks in the order v2 attaches them: by priority (highest first), then by key. */
export function serviceNetworkKeys(service: ComposeService): string[] {
  if (service.network_mode !== undefined) return [];
  const keys = Object.keys(service.networks);
  if (keys.length === 0) return ['default'];
  return keys.sort((a, b) => (service.networks[b]?.priority ?? 0) - (service.networks[a]?.priority ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The endpoint of one network: aliases as v2 sets them (container name, service name, then the file's). */
export function endpointConfig(service: ComposeService, networkKey: string, name: string): Record<string, unknown> {
  const attachment = service.networks[networkKey];
  const ipam = attachment?.ipv4_address || attachment?.ipv6_address
    ? { IPAMConfig: { ...(attachment.ipv4_address && { IPv4Address: attachment.ipv4_address }), ...(attachment.ipv6_address && { IPv6Address: attachment.ipv6_address }) } }
    : {};
  return { Aliases: [name, service.name, ...(attachment?.aliases ?? [])], ...ipam };
}

export function containerLabels(project: ComposeProject, service: ComposeService, plan: ContainerPlan): Record<string, string> {
  return {
    ...service.labels,
    [COMPOSE_LABELS.project]: project.name,
    [COMPOSE_LABELS.service]: service.name,
    [COMPOSE_LABELS.containerNumber]: String(plan.number),
    [COMPOSE_LABELS.oneoff]: 'False',
    [COMPOSE_LABELS.configHash]: plan.configHash,
    [COMPOSE_LABELS.workingDir]: project.workingDir,
    [COMPOSE_LABELS.configFiles]: project.configFiles.join(','),
    [COMPOSE_LABELS.dependsOn]: Object.entries(service.depends_on).map(([name, d]) => `${name}:${d.condition}:${String(d.restart)}`).join(','),
    [COMPOSE_LABELS.version]: COMPOSE_VERSION,
    [COMPOSE_LABELS.image]: plan.imageId,
  };
}

/**
 * The body of POST /containers/create for one container of a service, as v2's getCreateConfigs
 * builds it. Only the first network is attached here; the Engine API before 1.44 takes one
 * endpoint at create, so the others are connected afterwards (`extraNetworks`).
 */
export function containerCreateBody(project: ComposeProject, service: ComposeService, plan: ContainerPlan): Record<string, unknown> {
  const networks = serviceNetworkKeys(service);
  const primary = networks[0];
  const primaryName = primary !== undefined ? engineNetworkName(project, primary) : undefined;
  const exposed: Record<string, object> = {};
  for (const port of service.expose) exposed[port.includes('/') ? port : `${port}/tcp`] = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const port of service.ports) {
    const key = `${port.target}/${port.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: port.host_ip ?? '', HostPort: port.published ?? '' });
  }
  const { binds, mounts } = volumeMounts(project, service, plan.inheritedVolumes ?? {});
  const tmpfs: Record<string, string> = {};
  for (const entry of service.tmpfs) {
    const colon = entry.indexOf(':');
    tmpfs[colon < 0 ? entry : entry.slice(0, colon)] = colon < 0 ? '' : entry.slice(colon + 1);
  }
  const stopTimeout = service.stop_grace_period !== undefined ? Math.ceil(service.stop_grace_period / 1e9) : undefined;
  return {
    Image: serviceImageName(project.name, service),
    ...(service.hostname !== undefined && { Hostname: service.hostname }),
    ...(service.domainname !== undefined && { Domainname: service.domainname }),
    ...(service.user !== undefined && { User: service.user }),
    ExposedPorts: exposed,
    Tty: service.tty === true,
    OpenStdin: service.stdin_open === true,
    AttachStdout: true,
    AttachStderr: true,
    ...(service.command && { Cmd: [...service.command] }),
    ...(service.entrypoint && { Entrypoint: [...service.entrypoint] }),
    ...(service.working_dir !== undefined && { WorkingDir: service.working_dir }),
    Env: Object.entries(service.environment).filter((entry): entry is [string, string] => entry[1] !== null).map(([key, value]) => `${key}=${value}`).sort(),
    Labels: containerLabels(project, service, plan),
    ...(service.stop_signal !== undefined && { StopSignal: service.stop_signal }),
    ...(stopTimeout !== undefined && { StopTimeout: stopTimeout }),
    ...(service.healthcheck && { Healthcheck: healthcheckConfig(service) }),
    HostConfig: {
      Binds: binds,
      Mounts: [...mounts, ...fileObjectMounts(project, service)],
      Tmpfs: tmpfs,
      PortBindings: bindings,
      NetworkMode: service.network_mode ?? primaryName ?? 'none',
      RestartPolicy: restartPolicy(service.restart),
      ...(service.privileged !== undefined && { Privileged: service.privileged }),
      ...(service.read_only !== undefined && { ReadonlyRootfs: service.read_only }),
      ...(service.init !== undefined && { Init: service.init }),
      CapAdd: [...service.cap_add],
      CapDrop: [...service.cap_drop],
      Dns: [...service.dns],
      ExtraHosts: service.extra_hosts.map((entry) => entry.replace('=', ':')),
      SecurityOpt: [...service.security_opt],
      GroupAdd: [...service.group_add],
      Devices: service.devices.map(deviceMapping),
      Sysctls: { ...service.sysctls },
      Ulimits: Object.entries(service.ulimits).map(([Name, limit]) => ({ Name, Soft: limit.soft, Hard: limit.hard })),
      ...(service.logging && { LogConfig: { Type: service.logging.driver ?? '', Config: { ...service.logging.options } } }),
      ...(service.mem_limit !== undefined && { Memory: service.mem_limit }),
      ...(service.cpus !== undefined && { NanoCpus: Math.round(service.cpus * 1e9) }),
      ...(service.shm_size !== undefined && { ShmSize: service.shm_size }),
      ...(service.pid !== undefined && { PidMode: service.pid }),
      ...(service.ipc !== undefined && { IpcMode: service.ipc }),
    },
    NetworkingConfig: primary !== undefined && primaryName !== undefined
      ? { EndpointsConfig: { [primaryName]: endpointConfig(service, primary, plan.name) } }
      : {},
  };
}

/** The engine name of a project network (what the model resolved: `name:` or `<project>_<key>`). */
export function engineNetworkName(project: ComposeProject, key: string): string {
  return project.networks[key]?.name ?? `${project.name}_${key}`;
}

/** Networks after the first: connected once the container exists. */
export function extraNetworks(project: ComposeProject, service: ComposeService, name: string): { network: string; endpoint: Record<string, unknown> }[] {
  return serviceNetworkKeys(service).slice(1).map((key) => ({ network: engineNetworkName(project, key), endpoint: endpointConfig(service, key, name) }));
}

function healthcheckConfig(service: ComposeService): Record<string, unknown> {
  const check = service.healthcheck ?? {};
  if (check.disable) return { Test: ['NONE'] };
  return {
    ...(check.test && { Test: [...check.test] }),
    ...(check.interval !== undefined && { Interval: check.interval }),
    ...(check.timeout !== undefined && { Timeout: check.timeout }),
    ...(check.start_period !== undefined && { StartPeriod: check.start_period }),
    ...(check.retries !== undefined && { Retries: check.retries }),
  };
}

function restartPolicy(restart: string | undefined): { Name: string; MaximumRetryCount?: number } {
  if (!restart || restart === 'no') return { Name: 'no' };
  const [name, count] = restart.split(':');
  return count !== undefined ? { Name: name ?? 'no', MaximumRetryCount: Number(count) } : { Name: name ?? 'no' };
}

function deviceMapping(entry: string): { PathOnHost: string; PathInContainer: string; CgroupPermissions: string } {
  const [host = '', container = host, permissions = 'rwm'] = entry.split(':');
  return { PathOnHost: host, PathInContainer: container, CgroupPermissions: permissions };
}
