import type { ComposeService } from '../model/composeModel';
import { ComposeServiceError } from './composeTypes';

/**
 * `network_mode`, `ipc` and `pid` of `service:<name>` become `container:<id>` of that service's
 * first container, as v2 resolves them before hashing: so a service sharing a namespace is
 * recreated when the container it shares with is. The loader made `<name>` a dependency, so its
 * containers exist by now.
 */
export function resolveServiceReferences(service: ComposeService, containersOf: (name: string) => readonly { readonly id: string }[] | undefined): ComposeService {
  const resolve = (value: string | undefined): string | undefined => {
    if (value === undefined || !value.startsWith('service:')) return value;
    const name = value.slice('service:'.length);
    const first = containersOf(name)?.[0];
    if (!first) throw new ComposeServiceError(service.name, `Service "${service.name}" shares a namespace with service "${name}", which has no container`);
    return `container:${first.id}`;
  };
  const [networkMode, ipc, pid] = [resolve(service.network_mode), resolve(service.ipc), resolve(service.pid)];
  if (networkMode === service.network_mode && ipc === service.ipc && pid === service.pid) return service;
  return { ...service, ...(networkMode !== undefined && { network_mode: networkMode }), ...(ipc !== undefined && { ipc }), ...(pid !== undefined && { pid }) };
}
