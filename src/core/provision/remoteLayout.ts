/** Where provisioning keeps its files on the host; everything it adds lives under one folder. */
export const REMOTE = {
  dir: '/etc/docker/docker-hosts',
  caCert: '/etc/docker/docker-hosts/ca.pem',
  serverCert: '/etc/docker/docker-hosts/server.pem',
  serverKey: '/etc/docker/docker-hosts/server-key.pem',
  /** The host's files as they were before the first provisioning; written once, used to deprovision. */
  backupDir: '/etc/docker/docker-hosts/backup',
  /** The files as they were before the current run; used to undo a run that failed. */
  rollbackDir: '/etc/docker/docker-hosts/rollback',
  /** Hosts without an init system: the command line dockerd was started with before provisioning. */
  originalCommandLine: '/etc/docker/docker-hosts/backup/dockerd.cmdline',
  /** Hosts without an init system: how the provisioned dockerd is started again. */
  startScript: '/etc/docker/docker-hosts/start-dockerd.sh',
  daemonJson: '/etc/docker/daemon.json',
  systemdDropIn: '/etc/systemd/system/docker.service.d/docker-hosts.conf',
  dockerPidFile: '/var/run/docker.pid',
  dockerSocket: 'unix:///var/run/docker.sock',
  dockerdLog: '/var/log/docker-hosts-dockerd.log',
} as const;
