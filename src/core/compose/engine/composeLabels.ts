// The labels docker compose v2 writes on what it creates (docker/compose pkg/api/labels.go), so a
// project brought up by the docker CLI is found and managed here, and the other way round.

export const COMPOSE_LABELS = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  containerNumber: 'com.docker.compose.container-number',
  /** 'False' on containers of `up`; 'True' on those of `compose run`. */
  oneoff: 'com.docker.compose.oneoff',
  configHash: 'com.docker.compose.config-hash',
  workingDir: 'com.docker.compose.project.working_dir',
  /** Absolute paths joined by ','. */
  configFiles: 'com.docker.compose.project.config_files',
  /** `service:condition:restart` entries joined by ','. */
  dependsOn: 'com.docker.compose.depends_on',
  version: 'com.docker.compose.version',
  /** The image id the container was made from (v2 writes the digest it resolved). */
  image: 'com.docker.compose.image',
  /** On networks: the project-level key. */
  network: 'com.docker.compose.network',
  /** On volumes: the project-level key. */
  volume: 'com.docker.compose.volume',
} as const;

/** What we write as `com.docker.compose.version`: the compose version whose behaviour we follow. */
export const COMPOSE_VERSION = '2.29.0';

/** Engine list filter for everything of one project (`label=com.docker.compose.project=<name>`). */
export function projectFilter(projectName: string): { label: string[] } {
  return { label: [`${COMPOSE_LABELS.project}=${projectName}`] };
}
