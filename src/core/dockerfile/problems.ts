// What a check reports, and the shape every check has.
import { DockerfileModel } from './model';
import { TextRange } from './textRange';

export type Severity = 'error' | 'warning' | 'information';
export type ProblemTag = 'deprecated' | 'unnecessary';

export interface Problem {
  /** BuildKit's rule name where BuildKit has the check, otherwise this extension's own name. */
  readonly code: string;
  readonly message: string;
  readonly severity: Severity;
  readonly range: TextRange;
  readonly tags?: readonly ProblemTag[];
  /** Where the rule is explained. */
  readonly url?: string;
}

/**
 * `buildkit-check`: one of BuildKit's build checks; `# check=skip=` turns it off and `error=true`
 * makes it an error. `extra-check`: a check of this extension's own that `skip=` also turns off.
 * `build-error`: Docker refuses to build; nothing turns it off.
 */
export type RuleKind = 'buildkit-check' | 'extra-check' | 'build-error';

export interface Rule {
  readonly code: string;
  readonly kind: RuleKind;
  check(model: DockerfileModel): Problem[];
}

const BUILD_CHECKS_URL = 'https://docs.docker.com/go/dockerfile/rule/';

/** BuildKit's documentation address for a rule: `FromAsCasing` → `…/rule/from-as-casing/`. */
export function buildKitRuleUrl(code: string): string {
  const slug = code.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2').toLowerCase();
  return `${BUILD_CHECKS_URL}${slug}/`;
}
