// The compose operations on the Engine API, in one place for the extension to import.
export { composeUp } from './composeUp';
export type { ComposeUpRequest } from './composeUp';
export { composeDown } from './composeDown';
export { composeStop, composeStart, composeRestart } from './composeLifecycle';
export { composePull, composeBuild } from './composePullBuild';
export { composePs, listComposeProjects } from './composeProjects';
export { composeLogs } from './composeLogs';
export type { CredentialsFor } from './serviceImages';
export { COMPOSE_LABELS } from './composeLabels';
export { ComposeServiceError } from './composeTypes';
export type {
  ComposeProgressEvent, ComposeUpOptions, ComposeDownOptions, ComposeLifecycleOptions, ComposePullOptions,
  ComposeBuildOptions, ComposeLogsOptions, ComposeContainerState, ComposeProjectSummary, ComposeLogLine,
} from './composeTypes';
