// Enough of VS Code's `when` clause language for the expressions package.json uses:
// `key`, `!x`, `key == value`, `key != value`, `key =~ /regex/flags`, `&&`, `||` and parentheses,
// with && binding tighter than ||, as in VS Code.

export type WhenContext = Readonly<Record<string, string | boolean | undefined>>;
type Node = (context: WhenContext) => boolean;

const TOKEN = /\s*(\(|\)|&&|\|\||!=|==|=~|!|\/(?:\\.|[^/\\])+\/[a-z]*|[^\s()!=&|]+)/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match?.[1]) {
      if (source.slice(start).trim() === '') break;
      throw new Error(`Cannot read the when clause "${source}" at ${start}`);
    }
    tokens.push(match[1]);
  }
  return tokens;
}

export function parseWhen(source: string): Node {
  const tokens = tokenize(source);
  let at = 0;
  const peek = (): string | undefined => tokens[at];
  const take = (): string => {
    const token = tokens[at++];
    if (token === undefined) throw new Error(`The when clause "${source}" ends too early`);
    return token;
  };
  const or = (): Node => {
    const parts = [and()];
    while (peek() === '||') {
      take();
      parts.push(and());
    }
    return (context) => parts.some((part) => part(context));
  };
  const and = (): Node => {
    const parts = [unary()];
    while (peek() === '&&') {
      take();
      parts.push(unary());
    }
    return (context) => parts.every((part) => part(context));
  };
  const unary = (): Node => {
    const token = take();
    if (token === '!') {
      const inner = unary();
      return (context) => !inner(context);
    }
    if (token === '(') {
      const inner = or();
      if (take() !== ')') throw new Error(`Unbalanced parentheses in "${source}"`);
      return inner;
    }
    return comparison(token);
  };
  const comparison = (key: string): Node => {
    const operator = peek();
    if (operator === '==' || operator === '!=') {
      take();
      const expected = literal(take());
      return (context) => (String(context[key]) === String(expected)) === (operator === '==');
    }
    if (operator === '=~') {
      take();
      const regex = /^\/(.*)\/([a-z]*)$/s.exec(take());
      if (!regex) throw new Error(`=~ needs a /regex/ in "${source}"`);
      const pattern = new RegExp(regex[1] ?? '', regex[2]);
      return (context) => typeof context[key] === 'string' && pattern.test(String(context[key]));
    }
    if (key === 'true' || key === 'false') {
      return () => key === 'true';
    }
    return (context) => Boolean(context[key]);
  };
  const node = or();
  if (at !== tokens.length) throw new Error(`Unexpected "${tokens[at]}" in "${source}"`);
  return node;
}

function literal(token: string): string | boolean {
  if (token === 'true' || token === 'false') return token === 'true';
  return token.replace(/^'(.*)'$/, '$1');
}
