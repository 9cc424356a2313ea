// "Did you mean …?": the closest candidate within a small edit distance.

/** Longer words are not typos of a keyword or a name worth suggesting; they get no suggestion. */
const MAX_WORD_LENGTH = 64;

export function closestMatch(word: string, candidates: Iterable<string>, maxDistance = 2): string | undefined {
  if (word.length > MAX_WORD_LENGTH) {
    return undefined;
  }
  const wanted = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    if (candidate.length > MAX_WORD_LENGTH + maxDistance) {
      continue;
    }
    const distance = editDistance(wanted, candidate.toLowerCase(), bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Levenshtein distance (insertions, deletions, substitutions). With `limit`, any distance above it
 * comes back as `limit + 1`, and only the diagonal band of width 2·limit+1 is computed: O(n·limit).
 */
export function editDistance(a: string, b: string, limit = Math.max(a.length, b.length)): number {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  const over = limit + 1;
  // previous[j] = distance(a[0..i-1], b[0..j]); a cell outside the band is at least `over`, and the
  // two rows are reused, so only the band and its two edges are ever written.
  let previous = Array.from({ length: b.length + 1 }, (_, j) => (j <= limit ? j : over));
  let current = new Array<number>(b.length + 1).fill(over);
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    current[from - 1] = from === 1 ? Math.min(i, over) : over;
    let rowBest = current[from - 1] ?? over;
    for (let j = from; j <= to; j++) {
      const substitution = (previous[j - 1] ?? over) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const cell = Math.min((previous[j] ?? over) + 1, (current[j - 1] ?? over) + 1, substitution, over);
      current[j] = cell;
      rowBest = Math.min(rowBest, cell);
    }
    if (to < b.length) {
      current[to + 1] = over;
    }
    if (rowBest >= over) {
      return over;
    }
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length] ?? over, over);
}

/**
 * The comparisons one check may spend on suggestions. Each is cheap (short words, a narrow band),
 * but thousands of unknown names against thousands of candidates would make millions; past the
 * budget, problems come without a "did you mean".
 */
export class SuggestionBudget {
  constructor(private left = 20_000) {}

  /** Whether `comparisons` more fit, taking them if so. */
  spend(comparisons: number): boolean {
    if (comparisons > this.left) {
      return false;
    }
    this.left -= comparisons;
    return true;
  }
}
