// Real registries for tests (Debian's docker-registry, i.e. docker/distribution 2.8) on free
// loopback ports, started by the test itself: anonymous with deletes enabled, htpasswd basic
// auth, and token auth against a token server of the test's own (RS256 JWTs with the signing
// certificate in x5c, the same certificate in the registry's rootcertbundle). The three share
// one storage directory, so images pushed once into the anonymous one are in all three.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import * as forge from 'node-forge';
import { BASE_IMAGE } from './engine';

export const REGISTRY_USER = 'alice';
export const REGISTRY_PASSWORD = 'correct-horse';
/** A token-server user who may read repositories but not the catalog (as Docker Hub treats everyone). */
export const NO_CATALOG_USER = 'bob';
export const NO_CATALOG_PASSWORD = 'bobs-password';
const PASSWORDS: Readonly<Record<string, string>> = { [REGISTRY_USER]: REGISTRY_PASSWORD, [NO_CATALOG_USER]: NO_CATALOG_PASSWORD };

export interface TestRegistry {
  readonly host: string; // 127.0.0.1:<port>
  readonly stop: () => Promise<void>;
}

export interface TestRegistries {
  readonly anonymous: TestRegistry;
  readonly basic: TestRegistry;
  readonly token: TestRegistry;
  /** Token requests the token server answered (scope and user), to assert what was asked. */
  readonly tokenRequests: { scope: string; user: string | undefined }[];
  readonly stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitForRegistry(host: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry on ${host} exited: ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get(`http://${host}/v2/`, (res) => {
        res.resume();
        resolve(res.statusCode === 200 || res.statusCode === 401);
      });
      req.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`docker-registry on ${host} did not start: ${log()}`);
}

async function startRegistry(dir: string, name: string, storage: string, auth: string): Promise<TestRegistry> {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const config = path.join(dir, `${name}.yml`);
  writeFileSync(config, `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${storage}\n  delete:\n    enabled: true\nhttp:\n  addr: ${host}\n${auth}`);
  const child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  // A run that ends without stop() (a failed or grepped-out test) leaves no registry behind.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  await waitForRegistry(host, child, () => output);
  return {
    host,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

interface Signer {
  readonly certificatePem: string;
  readonly sign: (claims: Record<string, unknown>) => string;
}

/** An RSA key and a self-signed certificate for it; JWTs signed RS256 carry the certificate in x5c. */
function tokenSigner(): Signer {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  certificate.serialNumber = `01${randomBytes(8).toString('hex')}`;
  certificate.validity.notBefore = new Date(Date.now() - 3600_000);
  certificate.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const subject = [{ name: 'commonName', value: 'docker-hosts test token issuer' }];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([{ name: 'basicConstraints', cA: true }, { name: 'keyUsage', digitalSignature: true, keyCertSign: true }]);
  certificate.sign(forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()), forge.md.sha256.create());
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), 'binary');
  const b64url = (value: Buffer | string): string => Buffer.from(value).toString('base64url');
  return {
    certificatePem: forge.pki.certificateToPem(certificate),
    sign: (claims) => {
      const unsigned = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [der.toString('base64')] }))}.${b64url(JSON.stringify(claims))}`;
      const signature = createSign('RSA-SHA256').update(unsigned).sign(privateKey);
      return `${unsigned}.${b64url(signature)}`;
    },
  };
}

/**
 * The token server: alice with her password gets every action she asks for, bob every action
 * on repositories but not the catalog; anyone without credentials gets a token with no access;
 * wrong credentials get 401.
 */
function startTokenServer(signer: Signer, service: string, issuer: string, requests: TestRegistries['tokenRequests']): Promise<{ port: number; server: http.Server }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const auth = req.headers.authorization;
    let user: string | undefined;
    if (auth?.startsWith('Basic ')) {
      const [name, password] = Buffer.from(auth.slice(6), 'base64').toString().split(':');
      if (name === undefined || PASSWORDS[name] === undefined || PASSWORDS[name] !== password) {
        res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"details":"wrong user name or password"}');
        return;
      }
      user = name;
    }
    const scopes = url.searchParams.getAll('scope');
    requests.push(...scopes.map((scope) => ({ scope, user })));
    const granted = user === NO_CATALOG_USER ? scopes.filter((scope) => scope.startsWith('repository:')) : scopes;
    const access = user ? granted.map((scope) => {
      const [type, ...rest] = scope.split(':');
      const actions = rest.pop() ?? '';
      return { type, name: rest.join(':'), actions: actions.split(',') };
    }) : [];
    const now = Math.floor(Date.now() / 1000);
    const token = signer.sign({ iss: issuer, sub: user ?? '', aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access });
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token, expires_in: 300 }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, server })));
}

export async function startTestRegistries(): Promise<TestRegistries> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dh-registries-'));
  const storage = path.join(dir, 'data');
  const htpasswd = path.join(dir, 'htpasswd');
  writeFileSync(htpasswd, execFileSync('htpasswd', ['-Bbn', REGISTRY_USER, REGISTRY_PASSWORD]));
  const signer = tokenSigner();
  const bundle = path.join(dir, 'token-root.pem');
  writeFileSync(bundle, signer.certificatePem);
  const tokenRequests: TestRegistries['tokenRequests'] = [];
  const service = 'docker-hosts-test';
  const issuer = 'docker-hosts-test-issuer';
  const tokens = await startTokenServer(signer, service, issuer, tokenRequests);
  const anonymous = await startRegistry(dir, 'anonymous', storage, '');
  const basic = await startRegistry(dir, 'basic', storage, `auth:\n  htpasswd:\n    realm: docker-hosts-test\n    path: ${htpasswd}\n`);
  const token = await startRegistry(dir, 'token', storage, `auth:\n  token:\n    realm: http://127.0.0.1:${tokens.port}/token\n    service: ${service}\n    issuer: ${issuer}\n    rootcertbundle: ${bundle}\n`);
  return {
    anonymous,
    basic,
    token,
    tokenRequests,
    stop: async () => {
      await Promise.all([anonymous.stop(), basic.stop(), token.stop()]);
      await new Promise((resolve) => tokens.server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Makes an image of its own for host/repository:tag (the base image with a label naming it, so
 * each tag has its own digest) and pushes it through the local engine; the local tag is removed.
 */
export async function pushTestImage(docker: Docker, host: string, repository: string, tag: string): Promise<void> {
  const reference = `${host}/${repository}:${tag}`;
  const container = await docker.createContainer({ Image: BASE_IMAGE, Cmd: ['true'] });
  try {
    await container.commit({ repo: `${host}/${repository}`, tag, changes: `LABEL dev.docker-hosts.registry-test=${repository}.${tag}` });
  } finally {
    await container.remove({ force: true });
  }
  const stream = (await docker.getImage(reference).push({ authconfig: {} } as never)) as unknown as NodeJS.ReadableStream;
  const events = await new Promise<{ error?: string }[]>((resolve, reject) => docker.modem.followProgress(stream, (error: Error | null, output: { error?: string }[]) => (error ? reject(error) : resolve(output))));
  const failed = events.find((event) => event.error);
  if (failed) throw new Error(`push of ${reference} failed: ${failed.error}`);
  await docker.getImage(reference).remove().catch(() => undefined);
}
