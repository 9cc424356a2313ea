import { promises as fs } from 'node:fs';
import { SSHConfig } from 'ssh-config';
import { refuseOptionLikeHost } from './optionLikeHost';

/** What a machine says about its SSH host; unset fields come from ~/.ssh/config, then defaults. */
export interface SshHostRequest {
  /** Host name, address, or a Host alias of ~/.ssh/config (OpenSSH looks every name up there). */
  readonly host: string;
  readonly port?: number;
  readonly user?: string;
  /** Tried before the config's IdentityFile entries. */
  readonly identityFiles?: readonly string[];
  /** The alias to look up when it differs from `host` (then `host` is only the fallback HostName). */
  readonly sshConfigAlias?: string;
  /** A key held in memory (OpenSSH PEM), from the editor's secret storage. */
  readonly privateKey?: string;
  /** Host keys ("ssh-ed25519 AAAA…") the machine's driver made: checked instead of known_hosts. */
  readonly pinnedHostKeys?: readonly string[];
}

/** One SSH server to log in to, every setting decided. */
export interface SshHop {
  /** The name the config was looked up with. */
  readonly alias: string;
  readonly hostName: string;
  readonly port: number;
  readonly user: string;
  /** Candidates in order; files that do not exist are skipped when logging in. */
  readonly identityFiles: readonly string[];
  readonly identitiesOnly: boolean;
  /** An agent socket path, false for IdentityAgent none, undefined for the default (SSH_AUTH_SOCK). */
  readonly identityAgent?: string | false;
  /** The name to look up in known_hosts instead of the host name (HostKeyAlias). */
  readonly hostKeyAlias?: string;
  /** UserKnownHostsFile, when the config sets it. */
  readonly knownHostsFiles?: readonly string[];
  readonly hashKnownHosts: boolean;
  readonly connectTimeoutMs?: number;
  readonly privateKey?: string;
  readonly pinnedHostKeys?: readonly string[];
}

export interface ResolvedSshHost extends SshHop {
  /** ProxyJump hops, the first one dialled first; each was resolved through the config as well. */
  readonly jumps: readonly SshHop[];
}

export interface SshConfigContext {
  readonly homeDir: string;
  readonly localUser: string;
}

const MAX_JUMPS = 8;

/** Reads the config files that exist, in order (user's first, then the system's), as text. */
export async function readSshConfigs(files: readonly string[]): Promise<string[]> {
  const texts = await Promise.all(files.map((file) => fs.readFile(file, 'utf8').catch(() => undefined)));
  return texts.filter((text): text is string => text !== undefined);
}

/**
 * Resolves a host the way `ssh` does: values given explicitly win, then the first value any
 * matching Host/Match section of the first file gives, then later files, then OpenSSH defaults.
 */
export function resolveSshHost(request: SshHostRequest, configTexts: readonly string[], context: SshConfigContext): ResolvedSshHost {
  if (request.pinnedHostKeys !== undefined) {
    return pinnedHost(request, context);
  }
  const configs = configTexts.map((text) => SSHConfig.parse(text));
  return resolveWithJumps(request, configs, context, 0);
}

/** Parses a ProxyJump value: `none`, or a comma list of `[user@]host[:port]` / `ssh://…`. */
export function parseProxyJump(value: string): SshHostRequest[] {
  if (value.trim().toLowerCase() === 'none') {
    return [];
  }
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const url = new URL(part.startsWith('ssh://') ? part : `ssh://${part}`);
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      return {
        host,
        ...(url.port !== '' && { port: Number(url.port) }),
        ...(url.username !== '' && { user: decodeURIComponent(url.username) }),
      };
    });
}

function resolveWithJumps(request: SshHostRequest, configs: readonly SSHConfig[], context: SshConfigContext, depth: number): ResolvedSshHost {
  const { hop, proxyJump } = resolveHop(request, configs, context);
  if (proxyJump === undefined || depth >= MAX_JUMPS) {
    return { ...hop, jumps: [] };
  }
  // A jump host's own ProxyJump is honoured too (ssh runs `ssh -W` through the config again).
  const jumps = parseProxyJump(proxyJump).flatMap((jump) => {
    const resolved = resolveWithJumps(jump, configs, context, depth + 1);
    const { jumps: inner, ...jumpHop } = resolved;
    return [...inner, jumpHop];
  });
  return { ...hop, jumps };
}

function resolveHop(request: SshHostRequest, configs: readonly SSHConfig[], context: SshConfigContext): { hop: SshHop; proxyJump?: string } {
  const alias = request.sshConfigAlias ?? request.host;
  refuseOptionLikeHost(alias, 'the machine\'s host or alias');
  const values = computeAll(configs, alias, request.user);
  const first = (key: string): string | undefined => {
    const value = values[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const list = (key: string): string[] => {
    const value = values[key];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
  const hostName = (first('hostname') ?? request.host).replace(/%h/g, alias);
  refuseOptionLikeHost(hostName, `HostName for ${alias}`);
  const user = request.user ?? first('user') ?? context.localUser;
  const port = request.port ?? parsePort(first('port')) ?? 22;
  const expand = (value: string): string => expandTokens(value, { ...context, hostName, user, port, alias });
  const configured = [...(request.identityFiles ?? []), ...list('identityfile')].map(expand);
  // OpenSSH tries its default key files only when no IdentityFile was given at all.
  const identityFiles = configured.length > 0 ? configured : ['id_rsa', 'id_ecdsa', 'id_ed25519'].map((name) => `${context.homeDir}/.ssh/${name}`);
  const agent = first('identityagent');
  const knownHosts = list('userknownhostsfile').flatMap((v) => v.split(/\s+/)).filter((v) => v !== '' && v !== 'none');
  const connectTimeout = parsePort(first('connecttimeout'));
  const proxyJump = first('proxyjump');
  const hop: SshHop = {
    alias,
    hostName,
    port,
    user,
    identityFiles: [...new Set(identityFiles)],
    identitiesOnly: isYes(first('identitiesonly')),
    ...(agent !== undefined && agentSetting(agent, expand)),
    ...(first('hostkeyalias') !== undefined && { hostKeyAlias: first('hostkeyalias') }),
    ...(knownHosts.length > 0 && { knownHostsFiles: knownHosts.map(expand) }),
    hashKnownHosts: isYes(first('hashknownhosts')),
    ...(connectTimeout !== undefined && { connectTimeoutMs: connectTimeout * 1000 }),
  };
  return { hop, ...(proxyJump !== undefined && { proxyJump }) };
}

/** First value wins across files, as within one; IdentityFile entries accumulate. */
function computeAll(configs: readonly SSHConfig[], alias: string, user: string | undefined): Record<string, string | string[]> {
  const merged: Record<string, string | string[]> = {};
  for (const config of configs) {
    // `Match exec` would run shell commands from the file; core never runs commands for a lookup.
    const computed = config.compute(user ? { Host: alias, User: user } : { Host: alias }, { ignoreCase: true, matchExec: false });
    for (const [key, value] of Object.entries(computed)) {
      const existing = merged[key];
      if (key === 'identityfile' || key === 'certificatefile') {
        merged[key] = [...(existing === undefined ? [] : ([] as string[]).concat(existing)), ...([] as string[]).concat(value)];
      } else if (existing === undefined) {
        merged[key] = value;
      }
    }
  }
  return merged;
}

function agentSetting(value: string, expand: (v: string) => string): { identityAgent?: string | false } {
  if (value.toLowerCase() === 'none') {
    return { identityAgent: false };
  }
  if (value === 'SSH_AUTH_SOCK' || value === '$SSH_AUTH_SOCK') {
    return {};
  }
  return { identityAgent: expand(value) };
}

function expandTokens(value: string, t: SshConfigContext & { hostName: string; user: string; port: number; alias: string }): string {
  const withHome = value.startsWith('~/') ? `${t.homeDir}${value.slice(1)}` : value;
  const tokens: Record<string, string> = { '%': '%', d: t.homeDir, u: t.localUser, h: t.hostName, r: t.user, p: String(t.port), n: t.alias };
  return withHome.replace(/%(.)/g, (whole, token: string) => tokens[token] ?? whole);
}

function parsePort(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

function isYes(value: string | undefined): boolean {
  return value?.toLowerCase() === 'yes' || value?.toLowerCase() === 'true';
}

/**
 * A host whose both ends the driver made (a local VM): its own key and host key, and nothing
 * from ~/.ssh/config, whose `Host *` lines (a ProxyJump, an agent, other keys) are meant for
 * the user's servers, not for this one.
 */
function pinnedHost(request: SshHostRequest, context: SshConfigContext): ResolvedSshHost {
  refuseOptionLikeHost(request.host, 'the machine\'s host');
  return {
    alias: request.host,
    hostName: request.host,
    port: request.port ?? 22,
    user: request.user ?? context.localUser,
    identityFiles: request.identityFiles ?? [],
    identitiesOnly: true,
    identityAgent: false,
    hashKnownHosts: false,
    jumps: [],
    ...(request.privateKey !== undefined && { privateKey: request.privateKey }),
    pinnedHostKeys: request.pinnedHostKeys ?? [],
  };
}
