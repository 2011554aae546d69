/** Options of the `bull` transport (`BatonModule.forRoot({ transport: 'bull', bull: { ... } })`). */
export interface BullTransportOptions {
  /** Redis connection: a URL or `{ host, port, password, db }`. */
  redis: string | { host?: string; port?: number; password?: string; db?: number };
  /**
   * The queue every step job goes to.
   * @defaultValue `'baton'`
   */
  queueName?: string;
  /**
   * Prefix of every key (Bull's and the run store's).
   * @defaultValue `'baton'`
   */
  prefix?: string;
  /**
   * Whether this process takes steps from the queue. API-only processes set it to false.
   * @defaultValue true
   */
  worker?: boolean;
  /**
   * How long a finished run is kept in Redis, in milliseconds.
   * @defaultValue 7 days
   */
  finishedRunTtlMs?: number;
  /**
   * How long a worker's lock on a step lasts without renewal, in milliseconds; a worker that dies is
   * noticed after about this long and its step runs again elsewhere.
   * @defaultValue 30000
   */
  lockDurationMs?: number;
  /**
   * How often workers look for stalled steps, in milliseconds.
   * @defaultValue 30000
   */
  stalledIntervalMs?: number;
}
