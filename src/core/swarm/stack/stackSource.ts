import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { ComposeLoadOptions, ComposeProject } from '../../compose/model/composeModel';
import { readEnvFile } from '../../compose/model/envFile';
import { loadComposeProject } from '../../compose/model/loadProject';
import { loadRawModel } from '../../compose/model/rawModel';
import type { StackExtras } from './stackTypes';

export interface StackSource {
  readonly project: ComposeProject;
  readonly extras: StackExtras;
}

/**
 * A compose project read for a stack: the project as the compose model resolves it, plus what
 * that model keeps only for containers — the whole `deploy:` section and the keys each service
 * wrote (for the CLI's "Ignoring unsupported options"). Both come from the same files merged once
 * more without the model's long forms.
 */
export async function loadStackSource(options: ComposeLoadOptions): Promise<StackSource> {
  const project = await loadComposeProject(options);
  const dotEnvFile = path.join(project.workingDir, '.env');
  const dotEnv = existsSync(dotEnvFile) ? await readEnvFile(dotEnvFile, (name) => options.environment[name]) : new Map<string, string | undefined>();
  const lookup = (name: string): string | undefined => options.environment[name] ?? dotEnv.get(name);
  const { merged } = await loadRawModel(project.configFiles, project.workingDir, { lookup, onMissing: () => undefined });
  const services = (merged['services'] ?? {}) as Record<string, Record<string, unknown> | null>;
  const deploy: Record<string, Record<string, unknown>> = {};
  const serviceKeys: Record<string, string[]> = {};
  for (const [name, service] of Object.entries(services)) {
    deploy[name] = (service?.['deploy'] ?? {}) as Record<string, unknown>;
    serviceKeys[name] = Object.keys(service ?? {});
  }
  return { project, extras: { deploy, serviceKeys } };
}
