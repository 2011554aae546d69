import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * A supervisor's answer to the `approval` signal: the payload of
 * `POST /baton/api/runs/:id/signals/approval`, validated like a workflow input.
 */
export class Approval {
  /** Send the drafted reply (`approve`), or a polite refusal instead (`reject`). */
  @IsIn(['approve', 'reject'])
  decision!: 'approve' | 'reject';

  /** A note for the customer, quoted in a refusal. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}
