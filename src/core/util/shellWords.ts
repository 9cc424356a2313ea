/**
 * A command written as one string (`command: echo "a b"`), split into words as a POSIX shell
 * would without expanding anything: single quotes literal, double quotes with `\` escapes,
 * backslash outside quotes escapes the next character. Throws on an unclosed quote.
 */
export function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (char === "'") {
      const close = text.indexOf("'", index + 1);
      if (close < 0) {
        throw new Error(`the single quote is not closed in: ${text.slice(0, 60)}`);
      }
      word += text.slice(index + 1, close);
      inWord = true;
      index = close;
    } else if (char === '"') {
      inWord = true;
      let close = index + 1;
      for (; close < text.length && text[close] !== '"'; close++) {
        if (text[close] === '\\' && close + 1 < text.length && '"\\$`'.includes(text[close + 1] as string)) {
          close++;
        }
        word += text[close];
      }
      if (close >= text.length) {
        throw new Error(`the double quote is not closed in: ${text.slice(0, 60)}`);
      }
      index = close;
    } else if (char === '\\' && index + 1 < text.length) {
      word += text[index + 1];
      inWord = true;
      index++;
    } else if (/\s/.test(char)) {
      if (inWord) {
        words.push(word);
        word = '';
        inWord = false;
      }
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) {
    words.push(word);
  }
  return words;
}
