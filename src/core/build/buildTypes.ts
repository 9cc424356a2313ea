import { SecretSpec } from '../buildkit/secrets';
import type { BuildOutput } from './buildOutput';
import { SshForwardSpec } from '../buildkit/sshForward';

/** Which builder runs a build: BuildKit where the engine has it ('auto'), or the one named. */
export type BuilderChoice = 'auto' | 'buildkit' | 'classic';

export interface BuildOptions {
  readonly contextDir: string;
  readonly dockerfile: string;
  readonly tags: readonly string[];
  readonly buildArgs?: Readonly<Record<string, string>>;
  readonly target?: string;
  readonly platform?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly noCache?: boolean;
  readonly pull?: boolean;
  readonly builder?: BuilderChoice;
  /** The network RUN steps use (`docker build --network`): default, none or host. */
  readonly network?: string;
  /** BuildKit only: images whose inline cache the build may use (`docker build --cache-from`). */
  readonly cacheFrom?: readonly string[];
  /** BuildKit only: write the result's files or a tar here instead of making an image. */
  readonly output?: BuildOutput;
  /** BuildKit only: secrets `RUN --mount=type=secret` may read, from files or the environment. */
  readonly secrets?: readonly SecretSpec[];
  /** BuildKit only: SSH agents `RUN --mount=type=ssh` may use (`docker build --ssh`). */
  readonly ssh?: readonly SshForwardSpec[];
}

export interface BuildListener {
  /** Build output as the engine prints it (BuildKit's trace as plain progress lines). */
  output(text: string): void;
  /** Bytes of the context sent so far, of the total planned. */
  upload?(sent: number, total: number): void;
  /** Which builder runs the build, said once before it starts. */
  builder?(builder: 'buildkit' | 'classic'): void;
}

export interface BuildResult {
  /** The image built; none when the build wrote an output instead. */
  readonly imageId?: string;
  readonly tags: readonly string[];
  /** Where the build wrote its result instead of an image. */
  readonly output?: BuildOutput;
}

/** A failed build, mapped back to the Dockerfile line of the step (or parse error) that failed. */
export class BuildFailure extends Error {
  constructor(message: string, readonly line: number | undefined, readonly step: number | undefined) {
    super(message);
  }
}
