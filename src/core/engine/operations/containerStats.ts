import { EngineClient } from '../engineClient';
import { JsonLineSplitter } from '../jsonLines';

/** One line of `docker stats`, computed the way the CLI computes it. */
export interface StatsSample {
  readonly cpuPercent: number;
  readonly memoryUsed: number;
  readonly memoryLimit: number;
  readonly memoryPercent: number;
  readonly networkReceived: number;
  readonly networkSent: number;
  readonly blockRead: number;
  readonly blockWritten: number;
  readonly pids: number;
}

interface RawStats {
  cpu_stats?: { cpu_usage?: { total_usage?: number; percpu_usage?: number[] }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
  pids_stats?: { current?: number };
}

export function toStatsSample(raw: RawStats): StatsSample {
  const cpuDelta = (raw.cpu_stats?.cpu_usage?.total_usage ?? 0) - (raw.precpu_stats?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (raw.cpu_stats?.system_cpu_usage ?? 0) - (raw.precpu_stats?.system_cpu_usage ?? 0);
  const cpus = raw.cpu_stats?.online_cpus ?? raw.cpu_stats?.cpu_usage?.percpu_usage?.length ?? 1;
  const cpuPercent = cpuDelta > 0 && systemDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;
  // Page cache is not the container's own memory: cgroup v1 calls it "cache", v2 "inactive_file".
  const memoryStats = raw.memory_stats?.stats ?? {};
  const cache = memoryStats.total_inactive_file ?? memoryStats.inactive_file ?? memoryStats.cache ?? 0;
  const memoryUsed = Math.max(0, (raw.memory_stats?.usage ?? 0) - cache);
  const memoryLimit = raw.memory_stats?.limit ?? 0;
  const networks = Object.values(raw.networks ?? {});
  const io = raw.blkio_stats?.io_service_bytes_recursive ?? [];
  const ioSum = (op: string): number => io.filter((entry) => entry.op?.toLowerCase() === op).reduce((sum, entry) => sum + (entry.value ?? 0), 0);
  return {
    cpuPercent,
    memoryUsed,
    memoryLimit,
    memoryPercent: memoryLimit > 0 ? (memoryUsed / memoryLimit) * 100 : 0,
    networkReceived: networks.reduce((sum, n) => sum + (n.rx_bytes ?? 0), 0),
    networkSent: networks.reduce((sum, n) => sum + (n.tx_bytes ?? 0), 0),
    blockRead: ioSum('read'),
    blockWritten: ioSum('write'),
    pids: raw.pids_stats?.current ?? 0,
  };
}

/** Live samples (about one a second) until `signal` aborts or the container goes away. */
export async function* streamStats(client: EngineClient, id: string, signal: AbortSignal): AsyncGenerator<StatsSample> {
  // The engine sends a sample about every second: a long silence means it is gone.
  const stream = await client.openStream((d, abortSignal) => d.getContainer(id).stats({ stream: true, abortSignal } as never), { signal, idle: 'transfer' });
  const splitter = new JsonLineSplitter();
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (const value of splitter.push(chunk)) {
        const sample = sampleOf(value);
        if (sample) {
          yield sample;
        }
      }
    }
  } catch (error) {
    if (!signal.aborted) {
      throw error;
    }
  }
}

/** A sample from one decoded value; undefined for a value not shaped like stats (the engine is input). */
function sampleOf(value: unknown): StatsSample | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  try {
    const sample = toStatsSample(value as RawStats);
    return Object.values(sample).every((n) => typeof n === 'number' && Number.isFinite(n)) ? sample : undefined;
  } catch {
    return undefined;
  }
}
