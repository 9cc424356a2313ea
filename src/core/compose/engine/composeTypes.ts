// What the compose operations take and give back: options, progress events in the words
// docker compose v2 prints, container states, log lines, and the one error type that names the
// service a failure belongs to.

export type ComposeProgressState =
  | 'Creating' | 'Created' | 'Starting' | 'Started' | 'Waiting' | 'Healthy' | 'Exited'
  | 'Pulling' | 'Pulled' | 'Building' | 'Built' | 'Recreate' | 'Recreated' | 'Running'
  | 'Stopping' | 'Stopped' | 'Removing' | 'Removed' | 'Restarting' | 'Restarted' | 'Warning' | 'Error';

export interface ComposeProgressEvent {
  /** As v2 prints it: "Container demo-web-1", "Network demo_default", "Volume demo_data", "Image busybox". */
  readonly resource: string;
  readonly service?: string;
  readonly state: ComposeProgressState | string;
  readonly detail?: string;
}

export interface ComposeCommonOptions {
  readonly signal?: AbortSignal;
  /** Only these services (and, for up, what they depend on); all when absent or empty. */
  readonly services?: readonly string[];
  readonly onProgress?: (event: ComposeProgressEvent) => void;
}

export interface ComposeUpOptions extends ComposeCommonOptions {
  /** Remove containers of services the project no longer has. */
  readonly removeOrphans?: boolean;
  /** Recreate every container even when nothing changed (`--force-recreate`). */
  readonly forceRecreate?: boolean;
  /** Build images of services with `build:` before starting, even when present (`--build`). */
  readonly build?: boolean;
  /** Upper bound of each wait for a dependency (healthy, completed); default 5 minutes. */
  readonly waitTimeoutMs?: number;
}

export interface ComposeDownOptions extends ComposeCommonOptions {
  /** Also remove the project's named volumes (not external ones). */
  readonly volumes?: boolean;
  /** Also remove images: 'all' used by the services, 'local' those without a custom tag (built ones). */
  readonly images?: 'all' | 'local';
  /** Accepted for symmetry with the CLI: down works from labels and removes every container of the project. */
  readonly removeOrphans?: boolean;
}

/** stop, start, restart: each container's own stop timeout (stop_grace_period) applies. */
export type ComposeLifecycleOptions = ComposeCommonOptions;

export interface ComposePullOptions extends ComposeCommonOptions {
  /** Carry on when one image cannot be pulled (`--ignore-pull-failures`). */
  readonly ignoreFailures?: boolean;
}

export interface ComposeBuildOptions extends ComposeCommonOptions {
  readonly noCache?: boolean;
  readonly pull?: boolean;
  /** Build output lines, with the service they belong to. */
  readonly onOutput?: (service: string, text: string) => void;
}

export interface ComposeLogsOptions {
  readonly signal?: AbortSignal;
  readonly services?: readonly string[];
  readonly follow?: boolean;
  /** Lines from the end of each container's log; 'all' (default) for everything. */
  readonly tail?: number | 'all';
  readonly timestamps?: boolean;
}

export interface ComposeContainerState {
  readonly id: string;
  /** Without the leading '/'. */
  readonly name: string;
  readonly service: string;
  readonly number: number;
  readonly image: string;
  /** The engine's state: running, exited, created, paused, restarting, dead. */
  readonly state: string;
  /** healthy, unhealthy, starting, or '' when there is no health check. */
  readonly health: string;
  /** The engine's status text, "Up 3 minutes (healthy)". */
  readonly status: string;
  readonly exitCode?: number;
  readonly ports: readonly { readonly hostIp?: string; readonly hostPort?: number; readonly containerPort: number; readonly protocol: string }[];
  readonly labels: Readonly<Record<string, string>>;
}

export interface ComposeProjectSummary {
  readonly name: string;
  /** From the labels of its containers; undefined when none says. */
  readonly workingDir?: string;
  readonly configFiles: readonly string[];
  readonly containers: readonly ComposeContainerState[];
  /** Service names in order. */
  readonly services: readonly string[];
  /** 'running(2)', 'exited(1), running(1)' — as `docker compose ls` summarises it. */
  readonly status: string;
}

export interface ComposeLogLine {
  readonly service: string;
  readonly container: string;
  /** One line of output without its line break (timestamps in front when asked). */
  readonly text: string;
}

/** A compose operation that failed for one service: the message names it. */
export class ComposeServiceError extends Error {
  constructor(readonly service: string | undefined, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ComposeServiceError';
  }
}
