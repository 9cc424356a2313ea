import * as path from 'node:path';
import { readSmallRegularFile } from '../../util/boundedFile';
import { ComposeFileError } from './composeModel';
import { interpolate, InterpolationError, type InterpolationContext } from './interpolation';
import { formatKeyPath, type KeyPathSegment } from './keyPath';
import { applyMergeTags, OverrideTag, ResetTag, stripMergeTags } from './mergeTags';
import { validateComposeSchema } from './schemaValidation';
import { COMPOSE_FILE_SIZE_CAP, composeYamlValue, describePosition, mergeTagPaths, parseComposeYaml, positionOf, type ComposeYaml } from './yamlDocument';

/** One compose file, read, interpolated and checked against the schema; merge tags still in place. */
export interface ComposeFile {
  readonly file: string;
  readonly dir: string;
  readonly yaml: ComposeYaml;
  readonly value: Readonly<Record<string, unknown>>;
}

export async function readComposeFile(file: string, interpolation: InterpolationContext): Promise<ComposeFile> {
  let text: string;
  try {
    text = (await readSmallRegularFile(file, COMPOSE_FILE_SIZE_CAP, 'a compose file')).toString('utf8');
  } catch (failure) {
    throw new ComposeFileError(`Cannot read the compose file ${file}: ${(failure as Error).message}`);
  }
  return composeFileFromText(text, file, interpolation);
}

export function composeFileFromText(text: string, file: string, interpolation: InterpolationContext): ComposeFile {
  const yaml = parseComposeYaml(text, file);
  const raw = applyMergeTags(composeYamlValue(yaml), mergeTagPaths(yaml));
  if (raw === null || raw === undefined) {
    throw new ComposeFileError(`${file}: the file is empty`, { file, line: 1, column: 1 });
  }
  const value = interpolateTree(raw, [], interpolation, yaml);
  const [problem] = validateComposeSchema(stripMergeTags(value));
  if (problem !== undefined) {
    const position = positionOf(yaml, problem.path, problem.key);
    throw new ComposeFileError(`${describePosition(position)}: ${problem.message}`, position, formatKeyPath(problem.path));
  }
  return { file, dir: path.dirname(file), yaml, value: value as Record<string, unknown> };
}

/** Interpolates every string value (keys stay as written, as the spec says); a new tree. */
function interpolateTree(value: unknown, at: KeyPathSegment[], context: InterpolationContext, yaml: ComposeYaml): unknown {
  if (typeof value === 'string') {
    try {
      return interpolate(value, context);
    } catch (failure) {
      if (!(failure instanceof InterpolationError)) {
        throw failure;
      }
      const position = positionOf(yaml, at);
      throw new ComposeFileError(`${describePosition(position)}: ${formatKeyPath(at)}: ${failure.message}`, position, formatKeyPath(at));
    }
  }
  if (value instanceof OverrideTag) {
    return new OverrideTag(interpolateTree(value.value, at, context, yaml));
  }
  if (value instanceof ResetTag || value === null || typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => interpolateTree(item, [...at, index], context, yaml));
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = interpolateTree(item, [...at, key], context, yaml);
  }
  return result;
}
