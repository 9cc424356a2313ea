/**
 * The `rel="next"` target of a Link header (`</v2/_catalog?last=b&n=100>; rel="next"`), as the
 * Distribution API paginates catalogs and tag lists. Undefined when there is no next page.
 */
export function nextLink(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.slice(0, 8192).split(',')) {
    const open = part.indexOf('<');
    const close = part.indexOf('>', open + 1);
    if (open < 0 || close < 0) continue;
    const params = part.slice(close + 1).split(';').map((p) => p.trim().toLowerCase().replace(/\s+/g, ''));
    if (params.includes('rel="next"') || params.includes('rel=next')) {
      return part.slice(open + 1, close).trim();
    }
  }
  return undefined;
}
