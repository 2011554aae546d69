import { IsInt, IsOptional, Matches, Min } from 'class-validator';
import { IsFunctionValue, must } from './option-rules.js';

/** The pattern of a `@Parallel` group name. */
export const GROUP_NAME_PATTERN = /^[A-Za-z_][\w-]*$/;

/** The class-validator schema of `@Parallel` options (group and forEach forms). */
export class ParallelOptionsSchema {
  @IsOptional()
  @Matches(GROUP_NAME_PATTERN, must('an identifier-like group name (letters, digits, _ and -)'))
  name?: string;

  @IsOptional()
  @IsFunctionValue('a function returning the items')
  forEach?: unknown;

  @IsOptional()
  @IsInt(must('an integer ≥ 1'))
  @Min(1, must('an integer ≥ 1'))
  concurrency?: number;
}
