import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Delay, Step, WaitFor, Workflow, type StepContext } from '@baton/sdk';

/** A reviewer's decision: the payload class of the `approval` signal. */
export class Approval {
  @IsIn(['approve', 'reject']) decision!: 'approve' | 'reject';
  @IsOptional() @IsString() @MaxLength(200) comment?: string;
}

/** A class whose fields are of every kind a signal form knows (and one it edits as JSON). */
export class Tuning {
  @IsInt() @Min(1) @Max(5) level!: number;
  @IsBoolean() urgent!: boolean;
  @IsOptional() @ValidateNested() extra?: object;
}

/** Latches the tests open to let `draft` of `approval-flow` stream its last chunk and finish. */
export const drafts = new Map<string, () => void>();

/**
 * draft (streams progress, then waits for the test) → approval (`approval` signal, with an `Approval`)
 * → tune (`tuning`, a `Tuning`) → pause (delayed 60 s, a test cancels the run) ; `poke` waits for an
 * untyped signal on its own.
 */
@Workflow({ name: 'approval-flow' })
export class ApprovalFlowWorkflow {
  @Step() async draft(ctx: StepContext<{ key: string }>) {
    ctx.progress({ text: 'Dear' });
    ctx.progress({ text: 'Dear customer' });
    await new Promise<void>((resolve) => drafts.set(ctx.input.key, resolve));
    ctx.progress({ text: 'Dear customer, thanks' });
    return 'draft';
  }
  @WaitFor('approval', { payload: Approval, timeout: 3_600_000 }) @Step() approval(
    ctx: StepContext<unknown, object, unknown, Approval>,
  ) {
    return ctx.received!.decision;
  }
  @WaitFor('tuning', { payload: Tuning }) @Step() tune(ctx: StepContext<unknown, object, unknown, Tuning>) {
    return ctx.received!.level;
  }
  @Delay(60_000) @Step() pause() {
    return 'paused';
  }
}

/** A step waiting for a signal without a payload class. */
@Workflow({ name: 'poke' })
export class PokeWorkflow {
  @WaitFor('poke') @Step() poked(ctx: StepContext) {
    return ctx.received;
  }
}
