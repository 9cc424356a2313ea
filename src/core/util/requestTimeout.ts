/** Bounds of dockerHosts.requestTimeoutSeconds, the same as its schema in package.json. */
export const REQUEST_TIMEOUT_SECONDS = { min: 1, max: 300, default: 8 } as const;

/**
 * The request timeout in milliseconds from a setting's raw value. Anything that is not a finite
 * number becomes the default and the rest is clamped: 0 or a negative value would make every
 * machine unreachable at once, and a huge one throws from AbortSignal.timeout.
 */
export function requestTimeoutMs(seconds: unknown): number {
  const value = typeof seconds === 'number' && Number.isFinite(seconds) ? seconds : REQUEST_TIMEOUT_SECONDS.default;
  return Math.round(Math.min(REQUEST_TIMEOUT_SECONDS.max, Math.max(REQUEST_TIMEOUT_SECONDS.min, value)) * 1000);
}
