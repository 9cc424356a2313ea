/**
 * One word for a POSIX shell, whatever it contains: single quotes keep `$()`, backticks,
 * newlines and spaces literal; a single quote itself is closed, escaped and reopened.
 */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A command line from its words, each quoted. */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
