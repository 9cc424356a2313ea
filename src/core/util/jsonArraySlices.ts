import { TimeSlice } from './timeSlice';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;

/**
 * Parses the JSON array in `text` element by element, mapping each as it goes, and gives the
 * event loop a turn every few milliseconds: one JSON.parse of a 10 MB list (10,000 containers)
 * blocks the extension host for over 100 ms. Yields what `JSON.parse(text).map(map)` would;
 * anything that is not an array is handed to JSON.parse whole, so errors stay the same.
 */
export async function parseJsonArrayInSlices<T>(text: string, map: (value: unknown) => T): Promise<T[]> {
  const first = text.search(/\S/);
  if (first < 0 || text.charCodeAt(first) !== OPEN_BRACKET) {
    return asArray(JSON.parse(text)).map(map);
  }
  const slice = new TimeSlice();
  const items: T[] = [];
  let depth = 0;
  let inString = false;
  let start = first + 1;
  for (let i = first; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) {
        i++;
      } else if (code === QUOTE) {
        inString = false;
      }
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      depth++;
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      depth--;
      if (depth === 0) {
        pushElement(text.slice(start, i), items, map, false);
        // Only whitespace may follow; JSON.parse says what is wrong with anything else.
        if (text.slice(i + 1).trim() !== '') {
          JSON.parse(text);
        }
        return items;
      }
    } else if (code === COMMA && depth === 1) {
      pushElement(text.slice(start, i), items, map, true);
      start = i + 1;
      if (slice.due()) {
        await slice.yield();
      }
    }
  }
  return asArray(JSON.parse(text)).map(map); // unterminated: JSON.parse throws its own error
}

function pushElement<T>(element: string, items: T[], map: (value: unknown) => T, required: boolean): void {
  if (!required && items.length === 0 && element.trim() === '') {
    return; // []
  }
  items.push(map(JSON.parse(element)));
}

function asArray(value: unknown): unknown[] {
  if (!Array.isArray(value)) {
    throw new TypeError('expected a JSON array');
  }
  return value;
}
