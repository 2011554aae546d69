import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DURATION_RULE, IsFunctionValue, IsJitter, IsNumberIn, must } from './option-rules.js';
import { MAX_TIMER_MS } from '../constants.js';
import type { BackoffKind } from './retry-options.js';

/** The class-validator schema of `@Retry` options. */
export class RetryOptionsSchema {
  @IsInt(must('an integer ≥ 1'))
  @Min(1, must('an integer ≥ 1'))
  @Max(1000, must('an integer ≤ 1000'))
  attempts!: number;

  @IsOptional()
  @IsIn(['fixed', 'exponential'], must(`'fixed' or 'exponential'`))
  backoff?: BackoffKind;

  @IsOptional()
  @IsNumberIn(0, MAX_TIMER_MS, DURATION_RULE)
  delay?: number;

  @IsOptional()
  @IsNumberIn(0, MAX_TIMER_MS, DURATION_RULE)
  maxDelay?: number;

  @IsOptional()
  @IsJitter()
  jitter?: boolean | number;

  @IsOptional()
  @IsFunctionValue()
  retryIf?: unknown;
}
