import { TlsAuthority } from './certificates';
import { EngineClient } from '../engine/engineClient';
import { EngineEndpoint } from '../engine/endpoint';

/** The endpoint of a provisioned engine: mutual TLS with this computer's client certificate. */
export function provisionedEndpoint(address: string, port: number, authority: Pick<TlsAuthority, 'caCert' | 'clientCert' | 'clientKey'>): EngineEndpoint {
  return { kind: 'tcp', host: address, port, tls: { verify: true, caPem: authority.caCert, certPem: authority.clientCert, keyPem: authority.clientKey } };
}

/**
 * Waits until the engine answers over TLS with the client certificate (dockerd takes a few
 * seconds to come back after a restart); the last failure is the error when time runs out.
 */
export async function waitForTlsEngine(
  address: string,
  port: number,
  authority: TlsAuthority,
  options: { readonly timeoutMs: number; readonly signal?: AbortSignal; /** Says why waiting is pointless (the daemon died), or undefined. */ readonly gaveUp?: () => Promise<string | undefined> },
): Promise<string> {
  const { timeoutMs, signal } = options;
  const client = new EngineClient(provisionedEndpoint(address, port, authority), { requestTimeoutMs: 5000 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        return (await client.version(signal)).version;
      } catch (error) {
        const hopeless = signal?.aborted || Date.now() > deadline ? 'time ran out' : await options.gaveUp?.();
        if (hopeless) {
          throw new Error(`the engine did not answer over TLS on ${address}:${port}: ${hopeless} (${(error as Error).message})`);
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  } finally {
    client.dispose();
  }
}
