/**
 * A stack as `docker stack deploy` makes it: what convertStack plans from a compose project and
 * what deployStack applies. Specs are Engine API JSON (PascalCase), sent as they are.
 *
 * Functions (every engine call bounded by the EngineClient):
 * - stackSource.ts: loadStackSource(ComposeLoadOptions) → { project, extras } (the compose model plus
 *   the raw `deploy:` sections and keys it does not keep).
 * - stackConversion.ts: convertStack(project, namespace, extras?) → Promise<StackPlan>; throws
 *   StackConversionError where the CLI refuses the file.
 * - stackDeploy.ts: deployStack(client, plan, { prune? }, onProgress?, signal?); throws StackDeployError
 *   (not a manager, an external network missing or not swarm-scoped, a secret that cannot be updated).
 * - stackRemoval.ts: removeStack(client, namespace, onProgress?, signal?); listStacks(client, signal?) →
 *   { name, services }[].
 */

/** The label every object of a stack carries; its value is the namespace (the stack's name). */
export const STACK_NAMESPACE_LABEL = 'com.docker.stack.namespace';
/** On services: the image as the file wrote it, so a re-deploy can tell whether it changed. */
export const STACK_IMAGE_LABEL = 'com.docker.stack.image';

export type EngineJson = Record<string, unknown>;

/** A secret or config the service refers to by name; deployStack fills in its ID. */
export interface StackFileReference {
  readonly name: string;
  readonly file: { readonly Name: string; readonly UID: string; readonly GID: string; readonly Mode: number };
}

export interface StackService {
  /** The compose key (`web`); the spec's Name is `<namespace>_web`. */
  readonly key: string;
  readonly name: string;
  /** ServiceSpec without SecretID/ConfigID in the references (those are known only on the engine). */
  readonly spec: EngineJson;
  readonly secrets: readonly StackFileReference[];
  readonly configs: readonly StackFileReference[];
}

export interface StackNetwork {
  readonly name: string;
  /** Body of POST /networks/create without Name. */
  readonly spec: EngineJson;
}

export interface StackFileObject {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Base64, as the Engine API takes it. */
  readonly data: string;
}

export interface StackPlan {
  readonly namespace: string;
  readonly services: readonly StackService[];
  readonly networks: readonly StackNetwork[];
  /** Networks declared `external` that services use: they must exist with scope swarm. */
  readonly externalNetworks: readonly string[];
  readonly secrets: readonly StackFileObject[];
  readonly configs: readonly StackFileObject[];
  /** What the CLI would print: keys a stack ignores ("Ignoring unsupported options: build, restart"). */
  readonly warnings: readonly string[];
}

/** Raw `deploy:` sections and the keys each service wrote, which the compose model does not keep. */
export interface StackExtras {
  readonly deploy: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly serviceKeys: Readonly<Record<string, readonly string[]>>;
}

/** A compose file that cannot become a stack, in the CLI's words where it has some. */
export class StackConversionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackConversionError';
  }
}
