/** Go durations as compose files write them (`1m30s`, `10s`, `500ms`, `1.5h`) → nanoseconds; undefined if not one. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '0') {
    return 0;
  }
  const units: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  const pattern = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0;
  let position = 0;
  while (position < trimmed.length) {
    pattern.lastIndex = position;
    const match = pattern.exec(trimmed);
    if (match === null) {
      return undefined;
    }
    total += Number(match[1]) * (units[match[2] as string] as number);
    position = pattern.lastIndex;
  }
  return position === 0 ? undefined : Math.round(total);
}

/** Byte sizes as docker takes them (`512m`, `1g`, `1gb`, `100k`, `1024`; powers of 1024) → bytes; undefined if not one. */
export function parseBytes(value: string | number): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgtp]?)(i?b)?\s*$/i.exec(value);
  if (match === null) {
    return undefined;
  }
  const power = ' kmgtp'.indexOf((match[2] as string).toLowerCase() || ' ');
  return Math.floor(Number(match[1]) * 1024 ** power);
}
