/** Thrown by `ctx.stop()` to unwind the step; the executor recognises it and never reports it as a failure. */
export class StopSignal {
  constructor(readonly output: unknown) {}
}
