import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_TIMER_MS } from '../constants.js';
import { IsClassValue, must } from './option-rules.js';

const TIMEOUT_RULE = `an integer number of milliseconds from 1 to ${MAX_TIMER_MS}`;

/** The class-validator schema of `@WaitFor` options (the signal name is checked on its own). */
export class WaitForOptionsSchema {
  @IsOptional()
  @IsClassValue('a class decorated with class-validator')
  payload?: unknown;

  @IsOptional()
  @IsInt(must(TIMEOUT_RULE))
  @Min(1, must(TIMEOUT_RULE))
  @Max(MAX_TIMER_MS, must(TIMEOUT_RULE))
  timeout?: number;
}
