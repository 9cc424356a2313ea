/**
 * The service keys the resolved model carries (see ComposeService). Anything else a file sets is
 * valid Compose that Docker Hosts does not apply yet; the loader says so in a warning instead of
 * leaving the user to find out from the container.
 */
const APPLIED_SERVICE_KEYS = new Set([
  'image', 'build', 'pull_policy', 'command', 'entrypoint', 'environment', 'env_file', 'labels', 'ports', 'expose',
  'volumes', 'tmpfs', 'networks', 'network_mode', 'depends_on', 'healthcheck', 'deploy', 'scale', 'restart',
  'container_name', 'hostname', 'domainname', 'user', 'working_dir', 'profiles', 'secrets', 'configs', 'extra_hosts',
  'dns', 'cap_add', 'cap_drop', 'privileged', 'read_only', 'init', 'tty', 'stdin_open', 'stop_signal',
  'stop_grace_period', 'platform', 'ulimits', 'sysctls', 'logging', 'mem_limit', 'cpus', 'shm_size', 'pid', 'ipc',
  'devices', 'security_opt', 'group_add', 'extends',
]);

/** The keys of `service` that the model drops (x-* extensions are the author's own and never applied). */
export function unappliedServiceKeys(service: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(service).filter((key) => !APPLIED_SERVICE_KEYS.has(key) && !key.startsWith('x-'));
}
