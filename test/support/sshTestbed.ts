// Settings and a recording SshInteraction for tests: every file the SSH layer would read from
// ~/.ssh points into a temporary folder instead, and every question asked is kept for asserts.
import * as path from 'node:path';
import { SshEndpoint } from '../../src/core/engine/endpoint';
import { HostKeyQuestion, PassphraseQuestion, PasswordQuestion, SshInteraction } from '../../src/core/ssh/sshInteraction';
import { SshSettings } from '../../src/core/ssh/sshSettings';
import { ClientKey, TestSshd } from './sshd';

export interface Answers {
  /** Trust unknown host keys (default true); a function can look at the question. */
  readonly trust?: boolean | ((question: HostKeyQuestion) => boolean | Promise<boolean>);
  /** Passphrases handed out in order; undefined once they run out. */
  readonly passphrases?: readonly string[];
  readonly passwords?: readonly string[];
}

export interface RecordingInteraction extends SshInteraction {
  readonly hostKeys: HostKeyQuestion[];
  readonly passphrases: PassphraseQuestion[];
  readonly passwords: PasswordQuestion[];
}

export function recordingInteraction(answers: Answers = {}): RecordingInteraction {
  const hostKeys: HostKeyQuestion[] = [];
  const passphrases: PassphraseQuestion[] = [];
  const passwords: PasswordQuestion[] = [];
  return {
    hostKeys,
    passphrases,
    passwords,
    trustHostKey: async (question) => {
      hostKeys.push(question);
      const trust = answers.trust ?? true;
      return typeof trust === 'function' ? trust(question) : trust;
    },
    keyPassphrase: async (question) => {
      passphrases.push(question);
      return answers.passphrases?.[passphrases.length - 1];
    },
    password: async (question) => {
      passwords.push(question);
      return answers.passwords?.[passwords.length - 1];
    },
  };
}

/** Nothing from the real ~/.ssh, no agent from the environment, short timeouts. */
export function testSettings(dir: string, interaction: SshInteraction, extra: Partial<SshSettings> = {}): SshSettings {
  return {
    interaction,
    homeDir: dir,
    configFiles: [],
    knownHostsFiles: [path.join(dir, 'known_hosts')],
    agentSocket: false,
    connectTimeoutMs: 10_000,
    keepaliveIntervalMs: 5_000,
    reconnectDelaysMs: [200, 400],
    ...extra,
  };
}

export function sshEndpoint(sshd: TestSshd, key?: ClientKey, extra: Partial<SshEndpoint> = {}): SshEndpoint {
  return {
    kind: 'ssh',
    host: '127.0.0.1',
    port: sshd.port,
    user: 'root',
    ...(key && { identityFiles: [key.privatePath] }),
    remoteSocketPath: '/var/run/docker.sock',
    ...extra,
  };
}
