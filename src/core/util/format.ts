/** Sizes and ages as the docker CLI prints them: "12.3MB", "3 days ago". */
export function formatSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)}${units[unit]}`;
}

export function formatAge(date: Date, now: Date = new Date()): string {
  const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  const steps: [number, string][] = [[60, 'second'], [60, 'minute'], [24, 'hour'], [7, 'day'], [4.35, 'week'], [12, 'month'], [Infinity, 'year']];
  let value = seconds;
  for (const [size, name] of steps) {
    if (value < size) {
      const whole = Math.floor(value);
      return `${whole} ${name}${whole === 1 ? '' : 's'} ago`;
    }
    value /= size;
  }
  return 'long ago';
}

/**
 * Markdown-safe text for tooltips built from engine data (names, labels, statuses): every ASCII
 * punctuation character is backslash-escaped (CommonMark allows it for all of them, so no
 * link, image, autolink, entity or HTML can form) and line breaks become spaces (no new block).
 */
export function md(text: string): string {
  return oneLine(text).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/**
 * Engine text shown as inline code (a command, a path): on one line, fenced with more backticks
 * than it contains, so nothing inside ends the code span. Inside it nothing is Markdown.
 */
export function mdCode(text: string): string {
  const line = oneLine(text);
  const longestRun = (line.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0);
  const fence = '`'.repeat(longestRun + 1);
  return `${fence} ${line} ${fence}`;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
