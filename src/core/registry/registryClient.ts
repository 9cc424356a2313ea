import { createHash } from 'node:crypto';
import type { RegistryCredentials } from '../engine/registryAuth';
import { AuthChallenge, parseAuthChallenge } from './authChallenge';
import { nextLink } from './linkHeader';
import { createdOf, MANIFEST_ACCEPT, ManifestSummary, summarizeManifest } from './manifests';
import { apiRepositoryName, isLoopbackHost, RegistryAddress } from './registryAddress';
import { HttpAnswer, httpRequest } from './registryHttp';
import { RegistryError, registryErrorOf } from './registryError';

export interface RegistryClientOptions {
  readonly address: RegistryAddress;
  /** Asked when the registry challenges; undefined means anonymous. */
  readonly credentials: () => Promise<RegistryCredentials | undefined>;
  readonly timeoutMs: number;
  /** Hosts the user allows plain http to (besides loopback). */
  readonly allowHttpHosts?: readonly string[];
  /** Entries asked per page of a catalog or tag list (the registry may give fewer). */
  readonly pageSize?: number;
}

export interface TagDetails {
  readonly repository: string;
  readonly tag: string;
  readonly digest: string;
  readonly manifest: ManifestSummary;
  readonly created?: Date;
}

const MAX_JSON = 4 * 1024 * 1024;
const MAX_MANIFEST = 4 * 1024 * 1024;
const MAX_CONFIG = 8 * 1024 * 1024;
const PAGE_SIZE = 1000;
/** A catalog or tag list this long is shown cut off rather than read forever. */
export const MAX_LISTED = 20_000;

interface Send {
  readonly method?: 'GET' | 'HEAD' | 'DELETE';
  readonly accept?: string;
  /** The token scope this request needs, when the challenge does not say. */
  readonly scope?: string;
  readonly maxBytes?: number;
  readonly signal?: AbortSignal | undefined;
}

/**
 * A Docker Registry HTTP API v2 client: ping, catalog, tags, manifests, delete. Authentication
 * follows the registry's challenge (Basic with the credentials, or Bearer: a token fetched from
 * the realm, with the credentials or anonymously), tokens kept per scope for this client's life.
 */
export class RegistryClient {
  private readonly tokens = new Map<string, string>();
  private basic: string | undefined;

  constructor(private readonly options: RegistryClientOptions) {}

  get address(): RegistryAddress {
    return this.options.address;
  }

  /** GET /v2/: the registry speaks the API and takes these credentials. */
  async ping(signal?: AbortSignal): Promise<void> {
    const answer = await this.send('/v2/', { signal });
    this.expectOk(answer, 'answer the API check (/v2/)');
  }

  /** Every repository the catalog lists (paginated), or a `no-catalog` error. */
  async catalog(signal?: AbortSignal): Promise<string[]> {
    try {
      return await this.paginate(`/v2/_catalog?n=${this.pageSize}`, 'repositories', 'registry:catalog:*', signal);
    } catch (error) {
      if (error instanceof RegistryError && (error.kind === 'auth' || error.kind === 'not-found' || error.kind === 'not-allowed')) {
        // Refused credentials are the user's to fix, not a registry without a catalog: /v2/ tells them apart.
        if (error.kind === 'auth') await this.ping(signal);
        throw new RegistryError('no-catalog', `${this.name} does not list its repositories (${error.message}); add a repository by name instead`);
      }
      throw error;
    }
  }

  async tags(repository: string, signal?: AbortSignal): Promise<string[]> {
    const name = apiRepositoryName(this.address, repository);
    return this.paginate(`/v2/${name}/tags/list?n=${this.pageSize}`, 'tags', `repository:${name}:pull`, signal);
  }

  /** Digest, size (config + layers, or the platforms of a list) and creation date of one tag. */
  async tagDetails(repository: string, tag: string, signal?: AbortSignal): Promise<TagDetails> {
    const name = apiRepositoryName(this.address, repository);
    const answer = await this.send(`/v2/${name}/manifests/${encodeURIComponent(tag)}`, { accept: MANIFEST_ACCEPT, scope: `repository:${name}:pull`, maxBytes: MAX_MANIFEST, signal });
    this.expectOk(answer, `give the manifest of ${repository}:${tag}`);
    const digest = digestOf(answer);
    let manifest: ManifestSummary;
    try {
      manifest = summarizeManifest(answer.body.toString('utf8'), header(answer, 'content-type'));
    } catch (error) {
      throw new RegistryError('protocol', `${this.name} sent a manifest for ${repository}:${tag} that cannot be read: ${(error as Error).message}`);
    }
    const created = manifest.kind === 'image' ? await this.createdDate(name, manifest.configDigest, signal) : undefined;
    return { repository, tag, digest, manifest, ...(created && { created }) };
  }

  /** The digest a tag points at (HEAD, so nothing is downloaded). */
  async digestOf(repository: string, tag: string, signal?: AbortSignal): Promise<string> {
    const name = apiRepositoryName(this.address, repository);
    const answer = await this.send(`/v2/${name}/manifests/${encodeURIComponent(tag)}`, { method: 'HEAD', accept: MANIFEST_ACCEPT, scope: `repository:${name}:pull`, signal });
    this.expectOk(answer, `find ${repository}:${tag}`);
    const digest = header(answer, 'docker-content-digest');
    if (!digest || !/^sha256:[a-f0-9]{64}$/.test(digest)) {
      // Without the header, the digest is the body's hash: fetch it.
      return (await this.tagDetails(repository, tag, signal)).digest;
    }
    return digest;
  }

  /**
   * Deletes the manifest a tag points at, by digest (as the API requires): every tag on that
   * digest goes with it. `not-allowed` when the registry does not allow deleting.
   */
  async deleteTag(repository: string, tag: string, signal?: AbortSignal): Promise<string> {
    const digest = await this.digestOf(repository, tag, signal);
    const name = apiRepositoryName(this.address, repository);
    const answer = await this.send(`/v2/${name}/manifests/${digest}`, { method: 'DELETE', scope: `repository:${name}:delete`, signal });
    if (answer.status === 405 || registryErrorOf(answer.body)?.code === 'UNSUPPORTED') {
      throw new RegistryError('not-allowed', `${this.name} does not allow deleting (it answered ${answer.status}); its operator must enable deletes`);
    }
    this.expectOk(answer, `delete ${repository}:${tag}`);
    return digest;
  }

  private get pageSize(): number {
    return this.options.pageSize ?? PAGE_SIZE;
  }

  private get name(): string {
    return this.address.dockerHub ? 'Docker Hub' : this.address.host;
  }

  private async createdDate(name: string, configDigest: string, signal: AbortSignal | undefined): Promise<Date | undefined> {
    const answer = await this.send(`/v2/${name}/blobs/${configDigest}`, { scope: `repository:${name}:pull`, maxBytes: MAX_CONFIG, signal }).catch(() => undefined);
    // A missing date is no reason to fail the tag's listing.
    return answer && answer.status === 200 ? createdOf(answer.body.toString('utf8')) : undefined;
  }

  private async paginate(firstPath: string, field: 'repositories' | 'tags', scope: string, signal: AbortSignal | undefined): Promise<string[]> {
    const items: string[] = [];
    let path: string | undefined = firstPath;
    for (let page = 0; path && items.length < MAX_LISTED; page++) {
      const answer = await this.send(path, { scope, maxBytes: MAX_JSON, signal });
      this.expectOk(answer, field === 'tags' ? 'list the tags' : 'list its repositories');
      const list = parseList(answer.body, field);
      if (!list) throw new RegistryError('protocol', `${this.name} answered ${path.split('?')[0]} with something that is not a ${field} list`);
      items.push(...list);
      path = this.samePath(nextLink(header(answer, 'link')));
    }
    return items.slice(0, MAX_LISTED);
  }

  /** A next-page link, kept only when it stays on this registry (a link elsewhere is not followed). */
  private samePath(link: string | undefined): string | undefined {
    if (!link) return undefined;
    const url = new URL(link, this.address.origin);
    if (url.origin !== new URL(this.address.origin).origin || !url.pathname.startsWith('/v2/')) {
      throw new RegistryError('protocol', `${this.name} pointed its next page at ${url.origin}; not followed`);
    }
    return `${url.pathname}${url.search}`;
  }

  private async send(path: string, options: Send): Promise<HttpAnswer> {
    const first = await this.request(path, options, this.authorization(options.scope));
    if (first.status !== 401) return first;
    const challenge = parseAuthChallenge(header(first, 'www-authenticate'));
    if (!challenge) {
      throw new RegistryError('auth', `${this.name} refused access (401) without saying how to sign in`);
    }
    const authorization = await this.authenticate(challenge, options);
    const second = await this.request(path, options, authorization);
    if (second.status === 401) {
      const credentials = await this.options.credentials();
      throw new RegistryError('auth', credentials ? `${this.name} refused the credentials of ${credentials.username ?? 'the saved token'} (401)` : `${this.name} needs a user name and password (401)`);
    }
    return second;
  }

  private request(path: string, options: Send, authorization: string | undefined): Promise<HttpAnswer> {
    const allowHttp = (url: URL): boolean => isLoopbackHost(url.hostname) || (this.options.allowHttpHosts ?? []).includes(url.host);
    return httpRequest(new URL(path, this.address.origin), {
      method: options.method ?? 'GET',
      headers: { ...(options.accept && { Accept: options.accept }), ...(authorization && { Authorization: authorization }) },
      timeoutMs: this.options.timeoutMs,
      maxBytes: options.maxBytes ?? MAX_JSON,
      allowHttp,
      ...(options.signal && { signal: options.signal }),
    });
  }

  private authorization(scope: string | undefined): string | undefined {
    const token = this.tokens.get(scope ?? '');
    return token ? `Bearer ${token}` : this.basic;
  }

  private async authenticate(challenge: AuthChallenge, options: Send): Promise<string> {
    const credentials = await this.options.credentials();
    if (challenge.scheme === 'basic') {
      if (!credentials?.username || credentials.password === undefined) {
        throw new RegistryError('auth', `${this.name} needs a user name and password (401)`);
      }
      this.basic = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
      return this.basic;
    }
    const scope = challenge.params.scope ?? options.scope;
    const token = await this.fetchToken(challenge, scope, credentials, options.signal);
    this.tokens.set(options.scope ?? '', token);
    return `Bearer ${token}`;
  }

  /** The Docker token protocol: GET realm?service&scope (basic credentials if any), or OAuth2 POST with a refresh token. */
  private async fetchToken(challenge: AuthChallenge, scope: string | undefined, credentials: RegistryCredentials | undefined, signal: AbortSignal | undefined): Promise<string> {
    const realm = challenge.params.realm;
    if (!realm) throw new RegistryError('auth', `${this.name} asked for a token without naming its token server`);
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new RegistryError('protocol', `${this.name} named a token server that is not a URL`);
    }
    const service = challenge.params.service;
    const allowHttp = (u: URL): boolean => isLoopbackHost(u.hostname) || (this.options.allowHttpHosts ?? []).includes(u.host);
    const common = { timeoutMs: this.options.timeoutMs, maxBytes: 1024 * 1024, allowHttp, ...(signal && { signal }) };
    let answer: HttpAnswer;
    if (credentials?.identitytoken) {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credentials.identitytoken, client_id: 'docker-hosts', ...(service && { service }), ...(scope && { scope }) });
      answer = await httpRequest(url, { ...common, method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    } else {
      if (service) url.searchParams.set('service', service);
      if (scope) url.searchParams.set('scope', scope);
      const basic = credentials?.username && credentials.password !== undefined ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` : undefined;
      answer = await httpRequest(url, { ...common, headers: basic ? { Authorization: basic } : {} });
    }
    if (answer.status === 401 || answer.status === 403) {
      throw new RegistryError('auth', credentials ? `The token server of ${this.name} refused the credentials of ${credentials.username ?? 'the saved token'} (${answer.status})` : `${this.name} needs a user name and password (its token server answered ${answer.status})`);
    }
    if (answer.status !== 200) {
      throw new RegistryError(answer.status >= 500 ? 'server' : 'auth', `The token server of ${this.name} answered ${answer.status}`);
    }
    const token = tokenOf(answer.body);
    if (!token) throw new RegistryError('protocol', `The token server of ${this.name} answered without a token`);
    return token;
  }

  private expectOk(answer: HttpAnswer, what: string): void {
    if (answer.status >= 200 && answer.status < 300) return;
    const detail = registryErrorOf(answer.body);
    const said = detail ? `: ${detail.code}${detail.message ? ` ${detail.message}` : ''}` : '';
    const kind = answer.status === 401 || answer.status === 403 ? 'auth' : answer.status === 404 ? 'not-found' : answer.status === 405 ? 'not-allowed' : answer.status >= 500 ? 'server' : 'protocol';
    const hint = kind === 'server' ? ' — the registry has a problem; try again later' : '';
    throw new RegistryError(kind, `${this.name} did not ${what} (${answer.status}${said})${hint}`);
  }
}

function header(answer: HttpAnswer, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function digestOf(answer: HttpAnswer): string {
  const given = header(answer, 'docker-content-digest');
  return given && /^sha256:[a-f0-9]{64}$/.test(given) ? given : `sha256:${createHash('sha256').update(answer.body).digest('hex')}`;
}

function parseList(body: Buffer, field: 'repositories' | 'tags'): string[] | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const list = parsed[field];
    // A repository with no tags left answers `"tags": null`.
    if (list === null || list === undefined) return [];
    return Array.isArray(list) && list.every((item) => typeof item === 'string') ? (list as string[]) : undefined;
  } catch {
    return undefined;
  }
}

function tokenOf(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { token?: unknown; access_token?: unknown };
    const token = typeof parsed.token === 'string' && parsed.token ? parsed.token : parsed.access_token;
    return typeof token === 'string' && token ? token : undefined;
  } catch {
    return undefined;
  }
}
