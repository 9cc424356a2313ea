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
