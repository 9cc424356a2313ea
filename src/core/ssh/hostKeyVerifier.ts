import { fingerprintOf, HostKey, hostKeyFromBlob, keyTypeLabel } from './hostKeys';
import { SshInteraction } from './sshInteraction';
import { SshError } from './sshErrors';
import {
  appendKnownHost, checkHostKey, KnownHostEntry, knownHostsLine, knownHostsName, knownKeyTypes, readKnownHosts,
} from './knownHosts';

export interface HostKeyPolicy {
  readonly hostName: string;
  readonly port: number;
  /** HostKeyAlias: recorded and looked up verbatim, without a port. */
  readonly hostKeyAlias?: string;
  /** Read in order; a newly trusted key is appended to the first. */
  readonly files: readonly string[];
  /** Write new entries hashed (HashKnownHosts yes). */
  readonly hashed: boolean;
  readonly interaction: SshInteraction;
  /** The only keys this host may present ("type base64"), made by its driver: known_hosts is not read or written. */
  readonly pinned?: readonly string[];
}

interface FileEntries {
  readonly file: string;
  readonly entries: readonly KnownHostEntry[];
}

/**
 * Checks host keys against known_hosts and never accepts one silently: a known key passes, an
 * unknown one is put to the person (and recorded when trusted), a changed or revoked one is
 * refused with what to do about it.
 */
export class HostKeyVerifier {
  readonly name: string;
  private readonly address: string;

  constructor(private readonly policy: HostKeyPolicy) {
    this.name = policy.hostKeyAlias?.toLowerCase() ?? knownHostsName(policy.hostName, policy.port);
    const host = policy.hostName.includes(':') ? `[${policy.hostName}]` : policy.hostName;
    this.address = `${host}:${policy.port}`;
  }

  /** Key types known for this host, to be negotiated first. */
  async knownTypes(): Promise<string[]> {
    if (this.policy.pinned) {
      return this.pinnedKeys().map((key) => key.type);
    }
    const all = (await this.load()).flatMap((f) => f.entries);
    return knownKeyTypes(all, this.name);
  }

  /** Resolves when the key may be used; throws an SshError saying why not otherwise. */
  async verify(blob: Buffer, signal: AbortSignal): Promise<void> {
    const key = hostKeyFromBlob(blob);
    if (this.policy.pinned) {
      return this.verifyPinned(key);
    }
    const loaded = await this.load();
    const all = loaded.flatMap((f) => f.entries);
    const result = checkHostKey(all, this.name, key);
    const fingerprint = fingerprintOf(key);
    switch (result.status) {
      case 'trusted':
        return;
      case 'revoked':
        throw new SshError('host-key-revoked', `host key of ${this.address} (${keyTypeLabel(key.type)} ${fingerprint}) is marked @revoked in known_hosts — the connection was refused; ask the host's administrator for its current key`);
      case 'changed': {
        const file = loaded.find((f) => f.entries.includes(result.entry))?.file ?? this.policy.files[0] ?? 'known_hosts';
        const quoted = `'${this.name.replace(/'/g, `'\\''`)}'`;
        throw new SshError(
          'host-key-changed',
          `host key for ${this.address} changed — remove the old entry with ssh-keygen -R ${quoted} -f ${file} (line ${result.entry.line}) or re-trust; ` +
            `the host now presents ${keyTypeLabel(key.type)} ${fingerprint}. If nothing was reinstalled there, someone may be intercepting the connection`,
        );
      }
      case 'unknown':
        return this.askToTrust(key, fingerprint, result.otherTypes, signal);
    }
  }

  private verifyPinned(key: HostKey): void {
    if (this.pinnedKeys().some((pinned) => pinned.type === key.type && pinned.base64 === key.base64)) {
      return;
    }
    throw new SshError(
      'host-key-changed',
      `${this.address} presents ${keyTypeLabel(key.type)} ${fingerprintOf(key)}, not the host key made for this machine — ` +
        'something else answers on its port, or the machine was changed outside Docker Hosts; no connection was made',
    );
  }

  private pinnedKeys(): HostKey[] {
    return (this.policy.pinned ?? []).map((line) => {
      const [type = '', base64 = ''] = line.trim().split(/\s+/);
      return { type, base64 };
    });
  }

  private async askToTrust(key: { type: string; base64: string }, fingerprint: string, otherTypes: readonly string[], signal: AbortSignal): Promise<void> {
    const file = this.policy.files[0];
    const trusted =
      file !== undefined &&
      (await this.policy.interaction.trustHostKey(
        {
          address: this.address,
          knownHostsName: this.name,
          keyType: keyTypeLabel(key.type),
          fingerprint,
          knownHostsFile: file,
          otherKnownKeyTypes: otherTypes.map(keyTypeLabel),
        },
        signal,
      ));
    if (!trusted || file === undefined) {
      throw new SshError(
        'host-key-untrusted',
        `host key of ${this.address} (${keyTypeLabel(key.type)} ${fingerprint}) is not known and was not trusted, so no connection was made — connect again and trust it, or add it to ${file ?? 'known_hosts'}`,
      );
    }
    await appendKnownHost(file, knownHostsLine(this.name, key, this.policy.hashed));
  }

  private async load(): Promise<FileEntries[]> {
    return Promise.all(this.policy.files.map(async (file) => ({ file, entries: await readKnownHosts(file).catch(() => []) })));
  }
}
