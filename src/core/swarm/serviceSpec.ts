import { ServiceSpecInput, ServiceUpdatePolicy } from './swarmTypes';

/** `docker service create`'s defaults for a policy given in part (the engine reads a missing parallelism as "all at once"). */
const POLICY_DEFAULTS = { parallelism: 1, delaySeconds: 0, failureAction: 'pause', order: 'stop-first', monitorSeconds: 5 } as const;

const NANOS = 1e9;

/** The Engine API's UpdateConfig/RollbackConfig for a policy. */
export function toUpdatePolicy(policy: ServiceUpdatePolicy): Record<string, unknown> {
  const full = { ...POLICY_DEFAULTS, ...policy };
  return {
    Parallelism: full.parallelism,
    Delay: Math.round(full.delaySeconds * NANOS),
    FailureAction: full.failureAction,
    Monitor: Math.round(full.monitorSeconds * NANOS),
    MaxFailureRatio: 0,
    Order: full.order,
  };
}

/** Problems with the input that the engine would report less clearly, or not at all. */
export function serviceSpecProblems(input: ServiceSpecInput): string[] {
  const problems: string[] = [];
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(input.name)) problems.push(`"${input.name}" is not a service name: use letters, digits, '_', '.', '-'`);
  if (input.image.trim() === '') problems.push('A service needs an image');
  if (input.global && input.replicas !== undefined) problems.push('A service is either global or has a number of replicas, not both');
  if (input.replicas !== undefined && (!Number.isInteger(input.replicas) || input.replicas < 0)) problems.push('Replicas is a whole number, 0 or more');
  for (const port of input.ports ?? []) {
    for (const value of [port.target, port.published].filter((v): v is number => v !== undefined)) {
      if (!Number.isInteger(value) || value < 1 || value > 65535) problems.push(`Port ${value} is not between 1 and 65535`);
    }
  }
  for (const entry of input.env ?? []) {
    if (!/^[^=]+=/.test(entry)) problems.push(`Environment entry "${entry}" is not KEY=value`);
  }
  if (input.rollbackConfig?.failureAction === 'rollback') {
    problems.push('A rollback cannot roll back on failure: use pause or continue');
  }
  return problems;
}

/**
 * The ServiceSpec the Engine API takes for `input`, as `docker service create` builds it.
 * `networkIds` maps the input's network names to ids (the caller looks them up).
 */
export function toServiceSpec(input: ServiceSpecInput, networkIds: ReadonlyMap<string, string> = new Map()): Record<string, unknown> {
  const containerSpec = {
    Image: input.image,
    ...(input.command && input.command.length > 0 && { Args: [...input.command] }),
    ...(input.env && input.env.length > 0 && { Env: [...input.env] }),
    ...(input.mounts && input.mounts.length > 0 && {
      Mounts: input.mounts.map((m) => ({ Type: m.type, ...(m.source && { Source: m.source }), Target: m.target, ReadOnly: m.readOnly === true })),
    }),
  };
  const taskTemplate = {
    ContainerSpec: containerSpec,
    ...(input.constraints && input.constraints.length > 0 && { Placement: { Constraints: [...input.constraints] } }),
    ...(input.networks && input.networks.length > 0 && { Networks: input.networks.map((n) => ({ Target: networkIds.get(n) ?? n })) }),
    ForceUpdate: 0,
  };
  return {
    Name: input.name,
    Labels: { ...input.labels },
    TaskTemplate: taskTemplate,
    Mode: input.global ? { Global: {} } : { Replicated: { Replicas: input.replicas ?? 1 } },
    ...(input.updateConfig && { UpdateConfig: toUpdatePolicy(input.updateConfig) }),
    ...(input.rollbackConfig && { RollbackConfig: toUpdatePolicy(input.rollbackConfig) }),
    ...(input.ports && input.ports.length > 0 && {
      EndpointSpec: {
        Mode: 'vip',
        Ports: input.ports.map((p) => ({
          Protocol: p.protocol ?? 'tcp',
          TargetPort: p.target,
          ...(p.published !== undefined && { PublishedPort: p.published }),
          PublishMode: p.mode ?? 'ingress',
        })),
      },
    }),
  };
}
