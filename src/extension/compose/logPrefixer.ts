// How Compose Logs prints a line: no VS Code here (a unit test reads it).
import type { ComposeLogLine } from '../../core/compose/engine/composeTypes';

/** The colours docker compose gives services, in turn: cyan, yellow, green, magenta, blue, then bright ones. */
const COLOURS = [36, 33, 32, 35, 34, 96, 93, 92, 95, 94];

/** Prefixes each line with its container's name in the service's colour, padded as docker compose does. */
export class LogPrefixer {
  private readonly colours = new Map<string, number>();
  private width = 0;

  format(line: ComposeLogLine, project: string): string {
    let colour = this.colours.get(line.service);
    if (colour === undefined) {
      colour = COLOURS[this.colours.size % COLOURS.length] ?? 36;
      this.colours.set(line.service, colour);
    }
    // "demo-web-1" reads "web-1": the project is the terminal's title.
    const name = line.container.startsWith(`${project}-`) ? line.container.slice(project.length + 1) : line.container;
    this.width = Math.max(this.width, name.length);
    return `\x1b[${colour}m${name.padEnd(this.width)} |\x1b[0m ${line.text}\n`;
  }
}
