// What Create Service… reads from its inputs, as `docker service create` takes them. No vscode here.
import type { ServicePortInput } from '../../core/swarm/swarmTypes';

const PORT = /^(?:(\d{1,5}):)?(\d{1,5})(?:\/(tcp|udp|sctp))?$/;

/** "8080:80, 53:53/udp, 9000" → published/target/protocol; throws naming the entry it cannot read. */
export function parsePorts(text: string): ServicePortInput[] {
  return splitList(text).map((entry) => {
    const match = PORT.exec(entry);
    const target = Number(match?.[2]);
    const published = match?.[1] === undefined ? undefined : Number(match[1]);
    if (!match || target < 1 || target > 65535 || (published !== undefined && (published < 1 || published > 65535))) {
      throw new Error(`"${entry}" is not a port: write published:target[/tcp|udp|sctp], e.g. 8080:80`);
    }
    return { target, ...(published !== undefined && { published }), protocol: (match[3] ?? 'tcp') as ServicePortInput['protocol'] };
  });
}

/** Comma-separated entries, trimmed, empty ones dropped. */
export function splitList(text: string): string[] {
  return text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

/** KEY=value entries; a key without = is refused (the engine would take it as an empty variable). */
export function parseEnv(text: string): string[] {
  const entries = splitList(text);
  const bad = entries.find((entry) => !/^[^=\s]+=/.test(entry));
  if (bad !== undefined) throw new Error(`"${bad}" is not KEY=value`);
  return entries;
}

/** Placement constraints as the CLI writes them: node.role==worker, node.hostname!=b, node.labels.zone==x. */
export function parseConstraints(text: string): string[] {
  const entries = splitList(text);
  const bad = entries.find((entry) => !/^[\w.-]+\s*(==|!=)\s*\S+$/.test(entry));
  if (bad !== undefined) throw new Error(`"${bad}" is not a constraint: write e.g. node.role==worker`);
  return entries;
}

/** "3" → 3 replicated tasks, "global" → one per node. */
export function parseMode(text: string): { replicas: number } | { global: true } {
  const value = text.trim().toLowerCase();
  if (value === 'global') return { global: true };
  if (!/^\d{1,4}$/.test(value)) throw new Error('Write a number of replicas (e.g. 3) or "global"');
  return { replicas: Number(value) };
}

/** The message an input box shows for `text`, or undefined when `parse` accepts it. */
export function problemOf(parse: (text: string) => unknown, text: string): string | undefined {
  try {
    parse(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
