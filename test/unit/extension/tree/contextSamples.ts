// Every contextValue the node builders can produce, from the builders themselves.
import { MachineState } from '../../../../src/core/engine/machineSession';
import { ContainerState, RESOURCE_KINDS } from '../../../../src/core/engine/resources';
import { DriverRegistry } from '../../../../src/core/machines/driverRegistry';
import { FAILURE_KINDS } from '../../../../src/core/util/failureKind';
import {
  COMPOSE_PROJECT_STATES,
  composeProjectContextValue,
  containerContextValue,
  containerPathContextValue,
  ContextValues,
  groupContextValue,
  imageContextValue,
  machineContextValue,
  networkContextValue,
  SWARM_GROUP_KINDS,
  swarmGroupContextValue,
  swarmNodeContextValue,
  swarmServiceContextValue,
  volumeContextValue,
} from '../../../../src/extension/tree/contextValues';

export const MACHINE_STATES: readonly MachineState[] = ['connecting', 'running', 'reconnecting', 'unreachable'];
const RUN_STATES = ['stopped', 'starting', 'stopping', 'running', 'unreachable', 'unknown'] as const;
export const CONTAINER_STATES: readonly ContainerState[] = ['running', 'paused', 'exited', 'restarting', 'created', 'removing', 'dead', 'unhealthy'];

export function machineSamples(): string[] {
  const samples: string[] = [];
  for (const driver of new DriverRegistry().all) {
    for (const stored of driver.name === 'local' ? [true, false] : [true]) {
      for (const state of MACHINE_STATES) {
        for (const failure of state === 'unreachable' ? [undefined, ...FAILURE_KINDS] : [undefined]) {
          // A running Podman engine has no swarm mode: no role, `noswarm` instead.
          if (state === 'running') samples.push(machineContextValue({ state, driver: driver.name, stored, operations: [...driver.operations], noSwarm: true }));
          for (const swarmRole of state === 'running' ? [undefined, 'manager', 'worker'] as const : [undefined]) {
            // Machines the extension runs itself (VMs) carry where the VM is as well.
            for (const runState of driver.lifecycle ? RUN_STATES : [undefined]) {
              samples.push(machineContextValue({ state, driver: driver.name, stored, operations: [...driver.operations], failure, swarmRole, provisioned: driver.provisions === true, ...(runState && { runState }) }));
            }
          }
        }
      }
    }
  }
  return samples;
}

export function containerSamples(): string[] {
  return CONTAINER_STATES.flatMap((state) => [containerContextValue(state, false), containerContextValue(state, true)]);
}

export function allContextValues(): string[] {
  return [
    ...machineSamples(),
    ...RESOURCE_KINDS.map(groupContextValue),
    ...containerSamples(),
    ...[true, false].flatMap((flag) => [imageContextValue(flag), volumeContextValue(flag), networkContextValue(flag)]),
    ...Object.values(ContextValues),
    ...SWARM_GROUP_KINDS.map(swarmGroupContextValue),
    ...(['manager', 'worker'] as const).flatMap((role) => (['active', 'pause', 'drain'] as const).map((availability) => swarmNodeContextValue(role, availability))),
    ...(['replicated', 'global'] as const).map(swarmServiceContextValue),
    ...COMPOSE_PROJECT_STATES.flatMap((state) => [composeProjectContextValue(state, true), composeProjectContextValue(state, false)]),
    ...(['containerFiles', 'containerFolder', 'containerFile'] as const).flatMap((kind) => [containerPathContextValue(kind, false), containerPathContextValue(kind, true)]),
  ];
}
