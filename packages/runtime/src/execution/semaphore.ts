/** A counting semaphore: at most `limit` holders at once, the rest wait in FIFO order. */
export class Semaphore {
  private active = 0;
  private waiting: Array<() => void> = [];
  /** Index of the longest waiter: a head index keeps `release` O(1) with thousands waiting. */
  private head = 0;

  constructor(private readonly limit: number) {}

  /** Resolves once a slot is held; call `release` exactly once afterwards. */
  acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Frees a slot, handing it to the longest waiter if any. */
  release(): void {
    const next = this.waiting[this.head];
    if (next) {
      this.waiting[this.head++] = undefined as unknown as () => void;
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting = this.waiting.slice(this.head);
        this.head = 0;
      }
      next();
    } else {
      this.active -= 1;
    }
  }

  /** Slots held now. */
  get inUse(): number {
    return this.active;
  }
}
