/** One JSON message of a pull/push/load progress stream. */
export interface ProgressMessage {
  readonly id?: string;
  readonly status?: string;
  readonly progressDetail?: { current?: number; total?: number };
  readonly error?: string;
  readonly errorDetail?: { message?: string };
}

/**
 * Follows per-layer progress (Downloading / Extracting / Pushing …) and turns it into one
 * overall fraction and a line per layer, as `docker pull` shows them.
 */
export class LayerProgress {
  private readonly layers = new Map<string, { status: string; current: number; total: number; done: boolean }>();

  /** Applies one message; throws the engine's error when the stream reports one mid-way. */
  apply(message: ProgressMessage): void {
    if (message.error || message.errorDetail?.message) {
      throw new Error(message.errorDetail?.message ?? message.error);
    }
    if (!message.id || !message.status || /^(Pulling from|Digest|Status)/.test(message.status)) {
      return;
    }
    const layer = this.layers.get(message.id) ?? { status: '', current: 0, total: 0, done: false };
    layer.status = message.status;
    if (message.progressDetail?.total) {
      layer.total = message.progressDetail.total;
      layer.current = message.progressDetail.current ?? layer.current;
    }
    layer.done = /^(Pull complete|Already exists|Pushed|Layer already exists|Mounted from|Download complete|Loading layer)/.test(message.status) && !/Downloading|Extracting/.test(message.status);
    this.layers.set(message.id, layer);
  }

  /** 0..1 over all layers seen so far; a finished layer counts whole. */
  get fraction(): number {
    const layers = [...this.layers.values()];
    if (layers.length === 0) {
      return 0;
    }
    const perLayer = layers.map((l) => (l.done ? 1 : l.total > 0 ? Math.min(1, l.current / l.total) : 0));
    return perLayer.reduce((sum, value) => sum + value, 0) / layers.length;
  }

  lines(): string[] {
    return [...this.layers.entries()].map(([id, l]) => `${id}: ${l.status}${!l.done && l.total > 0 ? ` ${Math.round((l.current / l.total) * 100)}%` : ''}`);
  }
}
