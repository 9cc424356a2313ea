// The resolved Compose project: what the loader hands to the engine side after reading the files,
// interpolating, merging overrides, applying extends and profiles, and turning every short syntax
// into its long form. Field names follow the Compose Specification's long syntax (snake_case), so
// one service serialises to the same JSON every time: the config hash is taken from that JSON.

/** A position in a compose file, for messages that name the file and line. */
export interface SourcePosition {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export interface ComposeProject {
  /** As docker compose decides it: `name:`, COMPOSE_PROJECT_NAME, then the folder name, normalised. */
  readonly name: string;
  /** Absolute: relative paths in the files were resolved against it. */
  readonly workingDir: string;
  /** Absolute paths, in `-f` order (overrides after the file they override). */
  readonly configFiles: readonly string[];
  /** Services the active profiles enable, by name. */
  readonly services: Readonly<Record<string, ComposeService>>;
  /** Services a profile hid, by name (so `down` and orphan detection still know them). */
  readonly disabledServices: Readonly<Record<string, ComposeService>>;
  /** Always holds `default` when a service uses the default network (as docker compose adds it). */
  readonly networks: Readonly<Record<string, ComposeNetwork>>;
  readonly volumes: Readonly<Record<string, ComposeVolume>>;
  readonly secrets: Readonly<Record<string, ComposeFileObject>>;
  readonly configs: Readonly<Record<string, ComposeFileObject>>;
  /** Where each service was declared (its key in the first file that has it). */
  readonly servicePositions: Readonly<Record<string, SourcePosition>>;
  /** What docker compose would warn about (an unset variable, an optional dependency that is missing); absent when none. */
  readonly warnings?: readonly string[];
}

export interface ComposeService {
  readonly name: string;
  readonly image?: string;
  readonly build?: ComposeBuild;
  readonly pull_policy?: 'always' | 'never' | 'missing' | 'build' | 'if_not_present';
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  /** `null` value: declared without a value and not set in the environment (left out of the container). */
  readonly environment: Readonly<Record<string, string | null>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly ComposePort[];
  readonly expose: readonly string[];
  readonly volumes: readonly ComposeServiceVolume[];
  readonly tmpfs: readonly string[];
  /** Network name (project-level key) → attachment; `{}` for the short syntax. Empty when network_mode is set. */
  readonly networks: Readonly<Record<string, ComposeServiceNetwork>>;
  readonly network_mode?: string;
  readonly depends_on: Readonly<Record<string, ComposeDependency>>;
  readonly healthcheck?: ComposeHealthcheck;
  /** `deploy.replicas`, else `scale`, else 1. */
  readonly replicas: number;
  readonly restart?: string;
  readonly container_name?: string;
  readonly hostname?: string;
  readonly domainname?: string;
  readonly user?: string;
  readonly working_dir?: string;
  readonly profiles: readonly string[];
  readonly secrets: readonly ComposeServiceFileRef[];
  readonly configs: readonly ComposeServiceFileRef[];
  readonly extra_hosts: readonly string[];
  readonly dns: readonly string[];
  readonly cap_add: readonly string[];
  readonly cap_drop: readonly string[];
  readonly privileged?: boolean;
  readonly read_only?: boolean;
  readonly init?: boolean;
  readonly tty?: boolean;
  readonly stdin_open?: boolean;
  readonly stop_signal?: string;
  /** Nanoseconds. */
  readonly stop_grace_period?: number;
  readonly platform?: string;
  readonly ulimits: Readonly<Record<string, { readonly soft: number; readonly hard: number }>>;
  readonly sysctls: Readonly<Record<string, string>>;
  readonly logging?: { readonly driver?: string; readonly options: Readonly<Record<string, string>> };
  /** Bytes. */
  readonly mem_limit?: number;
  readonly cpus?: number;
  readonly shm_size?: number;
  readonly pid?: string;
  readonly ipc?: string;
  readonly devices: readonly string[];
  readonly security_opt: readonly string[];
  readonly group_add: readonly string[];
}

export interface ComposeBuild {
  /** Absolute. */
  readonly context: string;
  /** Relative to the context, as the file says (default `Dockerfile`). */
  readonly dockerfile: string;
  readonly args: Readonly<Record<string, string>>;
  readonly target?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly cache_from: readonly string[];
  readonly network?: string;
  readonly tags: readonly string[];
}

/** Long syntax of `ports`; a range in the short syntax becomes one entry per port. */
export interface ComposePort {
  readonly target: number;
  /** Empty: the engine picks one. */
  readonly published?: string;
  readonly host_ip?: string;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
  readonly mode: 'ingress' | 'host';
}

/** Long syntax of a service's `volumes` entry. */
export interface ComposeServiceVolume {
  readonly type: 'volume' | 'bind' | 'tmpfs' | 'npipe' | 'image';
  /** Volume: project-level key (not the engine name); bind: absolute host path; absent: anonymous volume. */
  readonly source?: string;
  readonly target: string;
  readonly read_only: boolean;
  readonly bind?: { readonly create_host_path?: boolean; readonly propagation?: string };
  readonly volume?: { readonly nocopy?: boolean; readonly subpath?: string };
  readonly tmpfs?: { readonly size?: number; readonly mode?: number };
}

export interface ComposeServiceNetwork {
  readonly aliases?: readonly string[];
  readonly ipv4_address?: string;
  readonly ipv6_address?: string;
  readonly priority?: number;
}

export interface ComposeDependency {
  readonly condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  readonly restart: boolean;
  readonly required: boolean;
}

export interface ComposeHealthcheck {
  /** `["NONE"]` disables the image's check. */
  readonly test?: readonly string[];
  /** Nanoseconds, as the Engine API takes them. */
  readonly interval?: number;
  readonly timeout?: number;
  readonly start_period?: number;
  readonly start_interval?: number;
  readonly retries?: number;
  readonly disable?: boolean;
}

export interface ComposeNetwork {
  /** The engine's name: `name:` when given, else `<project>_<key>`; an external network's own name. */
  readonly name: string;
  readonly external: boolean;
  readonly driver?: string;
  readonly driver_opts: Readonly<Record<string, string>>;
  readonly attachable?: boolean;
  readonly internal?: boolean;
  readonly enable_ipv6?: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly ipam?: { readonly driver?: string; readonly config: readonly Readonly<Record<string, unknown>>[] };
}

export interface ComposeVolume {
  /** The engine's name: `name:` when given, else `<project>_<key>`; an external volume's own name. */
  readonly name: string;
  readonly external: boolean;
  readonly driver?: string;
  readonly driver_opts: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
}

/** A top-level secret or config. */
export interface ComposeFileObject {
  readonly name: string;
  /** Absolute. */
  readonly file?: string;
  /** Secrets: the variable whose value is the secret. */
  readonly environment?: string;
  /** Configs: inline content. */
  readonly content?: string;
  readonly external: boolean;
}

export interface ComposeServiceFileRef {
  readonly source: string;
  readonly target?: string;
  readonly uid?: string;
  readonly gid?: string;
  readonly mode?: number;
}

/** What the loader needs besides the files themselves. */
export interface ComposeLoadOptions {
  /** Absolute paths (`-f`); empty: the default file names in `workingDir`, plus compose.override.yaml. */
  readonly files: readonly string[];
  /** Default: the folder of the first file. */
  readonly workingDir?: string;
  /** The process environment to interpolate from (the `.env` file fills what it lacks). */
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** Active profiles (COMPOSE_PROFILES from the environment is added to them). */
  readonly profiles?: readonly string[];
  /** Overrides every other way of naming the project. */
  readonly projectName?: string;
}

/** A problem in the files: one sentence, naming the file, line and key where there is one. */
export class ComposeFileError extends Error {
  constructor(
    message: string,
    readonly position?: SourcePosition,
    readonly key?: string,
  ) {
    super(message);
    this.name = 'ComposeFileError';
  }
}
