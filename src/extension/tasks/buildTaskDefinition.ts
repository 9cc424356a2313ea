import * as vscode from 'vscode';
import type { BuilderChoice } from '../../core/build/buildTypes';
import type { BuildOutput } from '../../core/build/buildOutput';
import type { SecretSpec } from '../../core/buildkit/secrets';

export const BUILD_TASK_TYPE = 'docker-hosts-build';

/** The task's properties, as written in tasks.json (see taskDefinitions in package.json). */
export interface BuildTaskDefinition extends vscode.TaskDefinition {
  readonly type: typeof BUILD_TASK_TYPE;
  /** Path of the Dockerfile, relative to the workspace folder (or absolute). */
  readonly dockerfile: string;
  /** Build context folder, relative to the workspace folder; default: the setting's choice. */
  readonly context?: string;
  readonly tags?: string | string[];
  readonly buildArgs?: Record<string, string>;
  readonly target?: string;
  readonly platform?: string;
  readonly labels?: Record<string, string>;
  readonly noCache?: boolean;
  readonly pull?: boolean;
  /** Machine name; default: the workspace's active machine. */
  readonly machine?: string;
  readonly network?: string;
  readonly builder?: BuilderChoice;
  readonly cacheFrom?: readonly string[];
  /** `dest` relative to the workspace folder. */
  readonly output?: BuildOutput;
  /** BuildKit secrets; `src` relative to the workspace folder. */
  readonly secrets?: readonly SecretSpec[];
  /** SSH agents as `docker build --ssh` takes them: "default", "id" or "id=/absolute/agent.sock". */
  readonly ssh?: readonly string[];
}

export const DOCKERFILE_GLOB = '**/{Dockerfile,*.Dockerfile,Dockerfile.*,Containerfile,*.containerfile}';

export function isBuildTaskDefinition(value: vscode.TaskDefinition): value is BuildTaskDefinition {
  return value.type === BUILD_TASK_TYPE && typeof value.dockerfile === 'string';
}
