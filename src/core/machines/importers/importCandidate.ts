import { FieldValue } from '../driver';

/** A machine found elsewhere (a Docker context, a Docker Machine, an exported file), ready to add. */
export interface ImportCandidate {
  readonly name: string;
  readonly driver: string;
  readonly options: Record<string, FieldValue>;
  /** Files to copy into the store, keyed by the option that will point at the copy. */
  readonly files: readonly { readonly option: string; readonly name: string; readonly content: Buffer }[];
  /** One line for the pick list: where it was found and where it points. */
  readonly description: string;
}

/** What a look into another program's store found: one unreadable entry never hides the others. */
export interface ImportScan {
  readonly found: ImportCandidate[];
  /** One line per entry that could not be read, naming it. */
  readonly problems: string[];
}

/** Reads each entry on its own and collects the ones that fail as problems. */
export async function scanEach(names: readonly string[], read: (name: string) => Promise<ImportCandidate | undefined>): Promise<ImportScan> {
  const results = await Promise.all(names.map((name) => read(name).then((candidate) => ({ candidate }), (error: unknown) => ({ problem: `${name}: ${(error as Error).message}` }))));
  return {
    found: results.flatMap((result) => ('candidate' in result && result.candidate ? [result.candidate] : [])),
    problems: results.flatMap((result) => ('problem' in result ? [result.problem] : [])),
  };
}
