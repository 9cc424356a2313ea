/** Milliseconds of synchronous work between turns of the event loop. */
const SLICE_MS = 10;

/** Synchronous file-system work in slices: the event loop gets a turn at least every few milliseconds. */
export class TimeSlice {
  private start = Date.now();

  due(): boolean {
    return Date.now() - this.start >= SLICE_MS;
  }

  async yieldIfDue(): Promise<void> {
    if (this.due()) await this.yield();
  }

  async yield(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.start = Date.now();
  }
}
