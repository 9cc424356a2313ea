import { SshError } from './sshErrors';

/**
 * Refuses a host name that `ssh` or any other command line would read as an option
 * (`-oProxyCommand=…`): machines, ~/.ssh/config HostName values and ProxyJump hops alike.
 */
export function refuseOptionLikeHost(host: string, where: string): void {
  if (host.startsWith('-')) {
    throw new SshError('unresolved', `SSH host "${host}" (${where}) starts with "-", which ssh would take as an option — it is refused; check the address`);
  }
}
