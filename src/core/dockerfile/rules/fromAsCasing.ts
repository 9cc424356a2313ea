// BuildKit FromAsCasing: `FROM … as name` (or `from … AS name`) mixes the casing of the keywords.
import { Problem, Rule } from '../problems';

export const fromAsCasing: Rule = {
  code: 'FromAsCasing',
  kind: 'buildkit-check',
  check(model) {
    const problems: Problem[] = [];
    for (const { from } of model.stages) {
      const args = from.getArguments();
      const as = args[1];
      const written = from.getInstruction();
      if (!as || as.getValue().toLowerCase() !== 'as' || args.length < 3) {
        continue;
      }
      const fromIsLower = written === written.toLowerCase();
      // A FROM in mixed case is ConsistentInstructionCasing's business, not this rule's.
      if (!fromIsLower && written !== written.toUpperCase()) {
        continue;
      }
      const asWritten = as.getValue();
      const mismatch = asWritten !== (fromIsLower ? asWritten.toLowerCase() : asWritten.toUpperCase());
      if (mismatch) {
        problems.push({
          code: fromAsCasing.code,
          severity: 'warning',
          message: `'${asWritten}' and '${written}' keywords' casing do not match`,
          range: as.getRange(),
        });
      }
    }
    return problems;
  },
};
