import { readSmallRegularFile } from '../util/boundedFile';

/** A build secret as tasks.json names it: a file or an environment variable of this computer. */
export interface SecretSpec {
  readonly id: string;
  readonly src?: string;
  readonly env?: string;
}

/** BuildKit's own limit for one secret. */
export const MAX_SECRET_BYTES = 500 * 1024;

/**
 * Secrets the build may mount, read only when the engine asks for one (never copied, logged or
 * kept). Undefined for an id the build was not given; an error for a source that cannot be read.
 */
export class SecretSources {
  private readonly specs = new Map<string, SecretSpec>();

  constructor(specs: readonly SecretSpec[], private readonly environment: NodeJS.ProcessEnv = process.env) {
    for (const spec of specs) {
      this.specs.set(spec.id, spec);
    }
  }

  async read(id: string): Promise<Buffer | undefined> {
    const spec = this.specs.get(id);
    if (!spec) {
      return undefined;
    }
    if (spec.src !== undefined) {
      try {
        return await readSmallRegularFile(spec.src, MAX_SECRET_BYTES, 'a build secret');
      } catch (error) {
        throw new Error(`secret ${id}: ${(error as Error).message}`);
      }
    }
    const value = this.environment[spec.env ?? id];
    if (value === undefined) {
      throw new Error(`secret ${id}: the environment variable ${spec.env ?? id} is not set`);
    }
    return Buffer.from(value, 'utf8');
  }
}

/** What is wrong with the secrets of a build, before it starts (a message per problem). */
export function secretSpecProblems(specs: readonly unknown[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  specs.forEach((raw, index) => {
    const spec = raw as Partial<Record<keyof SecretSpec, unknown>>;
    if (typeof spec?.id !== 'string' || !/^[A-Za-z0-9._-]+$/.test(spec.id)) {
      problems.push(`secrets[${index}]: "id" must be letters, digits, ".", "_" or "-"`);
      return;
    }
    if (seen.has(spec.id)) {
      problems.push(`secrets[${index}]: the id ${spec.id} is given twice`);
    }
    seen.add(spec.id);
    const hasSrc = typeof spec.src === 'string' && spec.src.length > 0;
    const hasEnv = typeof spec.env === 'string' && spec.env.length > 0;
    if (hasSrc === hasEnv && !(spec.src === undefined && spec.env === undefined)) {
      problems.push(`secrets[${index}] (${spec.id}): give either "src" (a file) or "env" (a variable), not both`);
    }
  });
  return problems;
}
