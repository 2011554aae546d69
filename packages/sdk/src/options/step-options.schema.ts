import { IsIn, IsOptional, IsString } from 'class-validator';
import { IsStepNames, must } from './option-rules.js';
import type { JoinPolicy } from './step-options.js';

/** Every {@link JoinPolicy}, for validation. */
export const JOIN_POLICIES: readonly JoinPolicy[] = ['all', 'any', 'allSettled'];

/** The class-validator schema of `@Step` options (and the base of `@Route`'s). */
export class StepOptionsSchema {
  @IsOptional()
  @IsIn(JOIN_POLICIES, must(`'all', 'any' or 'allSettled'`))
  join?: JoinPolicy;

  @IsOptional()
  @IsStepNames()
  after?: string | string[];

  @IsOptional()
  @IsString(must('a string'))
  description?: string;
}
