import { formatSize } from '../util/format';
import { StatusUpdate, TraceTimestamp, TraceVertex } from './protocol';

/** Output lines kept per step, for the message of a step that fails. */
const KEPT_LOG_LINES = 12;
/** A step's output longer than this is cut in the terminal (a runaway RUN cannot flood it). */
const MAX_LOG_CHARS_PER_STEP = 1024 * 1024;

interface StepState {
  readonly number: number;
  name: string;
  printedStart: boolean;
  printedEnd: boolean;
  started?: TraceTimestamp;
  logChars: number;
  partialLine: string;
  readonly lastLines: string[];
}

export interface FailedStep {
  readonly name: string;
  readonly error: string;
  readonly lastOutput: readonly string[];
}

/**
 * Turns BuildKit's status updates into the lines `docker build --progress=plain` prints: one
 * `#N name` per step as it starts, its output, then `#N CACHED`, `#N DONE 1.2s` or
 * `#N ERROR: …`. Remembers each step's last output lines and the warnings for the end.
 */
export class TraceProgress {
  private readonly steps = new Map<string, StepState>();
  private readonly warnings: string[] = [];
  private failed: FailedStep | undefined;

  constructor(private readonly print: (text: string) => void) {}

  apply(update: StatusUpdate): void {
    for (const vertex of update.vertexes) {
      this.applyVertex(vertex);
    }
    for (const status of update.statuses) {
      const step = this.steps.get(status.vertex);
      if (step && status.completed) {
        const amount = status.total > 0 ? `${formatSize(status.current)} / ${formatSize(status.total)}` : formatSize(status.current);
        this.print(`#${step.number} ${status.ID} ${amount} done\n`);
      }
    }
    for (const log of update.logs) {
      const step = this.steps.get(log.vertex);
      if (step) {
        this.applyLog(step, log.msg.toString('utf8'), log.timestamp);
      }
    }
    for (const warning of update.warnings) {
      const step = this.steps.get(warning.vertex);
      const text = warning.short.toString('utf8').trim();
      this.warnings.push(step ? `${text} (#${step.number} ${step.name})` : text);
    }
  }

  /** Warnings the build reported, each once, for the end of the output. */
  get warningList(): readonly string[] {
    return [...new Set(this.warnings)];
  }

  /** The step that failed with its own error (not one cancelled because another failed). */
  get failedStep(): FailedStep | undefined {
    return this.failed;
  }

  private applyVertex(vertex: TraceVertex): void {
    let step = this.steps.get(vertex.digest);
    if (!step) {
      step = { number: this.steps.size + 1, name: vertex.name, printedStart: false, printedEnd: false, logChars: 0, partialLine: '', lastLines: [] };
      this.steps.set(vertex.digest, step);
    }
    step.name = vertex.name || step.name;
    if (vertex.started && !step.started) {
      step.started = vertex.started;
    }
    if ((vertex.started || vertex.cached) && !step.printedStart) {
      step.printedStart = true;
      this.print(`\n#${step.number} ${step.name}\n`);
    }
    if (step.printedEnd || !(vertex.completed || vertex.cached)) {
      return;
    }
    if (!step.printedStart) {
      return;
    }
    this.flushPartial(step);
    step.printedEnd = true;
    if (vertex.error) {
      this.print(`#${step.number} ERROR: ${vertex.error}\n`);
      // The first step that failed of its own accord; steps cancelled because of it come after.
      if (!this.failed || (isCancellation(this.failed.error) && !isCancellation(vertex.error))) {
        this.failed = { name: step.name, error: vertex.error, lastOutput: [...step.lastLines] };
      }
    } else if (vertex.cached) {
      this.print(`#${step.number} CACHED\n`);
    } else {
      const seconds = step.started && vertex.completed ? secondsBetween(step.started, vertex.completed) : 0;
      this.print(`#${step.number} DONE ${seconds.toFixed(1)}s\n`);
    }
  }

  private applyLog(step: StepState, text: string, at: TraceTimestamp | undefined): void {
    if (step.logChars >= MAX_LOG_CHARS_PER_STEP) {
      return;
    }
    step.logChars += text.length;
    const offset = step.started && at ? ` ${secondsBetween(step.started, at).toFixed(3)}` : '';
    const lines = (step.partialLine + text).split(/\r?\n/);
    step.partialLine = lines.pop() ?? '';
    for (const line of lines) {
      this.printLogLine(step, line, offset);
    }
    if (step.logChars >= MAX_LOG_CHARS_PER_STEP) {
      this.flushPartial(step);
      this.print(`#${step.number} [output cut at ${formatSize(MAX_LOG_CHARS_PER_STEP)}]\n`);
    }
  }

  private flushPartial(step: StepState): void {
    if (step.partialLine) {
      this.printLogLine(step, step.partialLine, '');
      step.partialLine = '';
    }
  }

  private printLogLine(step: StepState, line: string, offset: string): void {
    step.lastLines.push(line);
    if (step.lastLines.length > KEPT_LOG_LINES) {
      step.lastLines.shift();
    }
    this.print(`#${step.number}${offset} ${line}\n`);
  }
}

function secondsBetween(from: TraceTimestamp, to: TraceTimestamp): number {
  return Math.max(0, to.seconds - from.seconds + (to.nanos - from.nanos) / 1e9);
}

/** Steps that stopped because the build was cancelled or another step failed. */
function isCancellation(error: string): boolean {
  return /context canceled|context cancelled/i.test(error);
}
