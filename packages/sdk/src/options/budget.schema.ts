import { IsInt, IsOptional, Min } from 'class-validator';
import { IsNumberIn, must } from './option-rules.js';

/** The class-validator schema of `@Workflow({ budget })`. */
export class BudgetSchema {
  @IsOptional()
  @IsInt(must('an integer ≥ 1'))
  @Min(1, must('an integer ≥ 1'))
  steps?: number;

  @IsOptional()
  @IsInt(must('an integer ≥ 1'))
  @Min(1, must('an integer ≥ 1'))
  tokens?: number;

  @IsOptional()
  @IsNumberIn(0, Number.MAX_VALUE, 'a finite number of US dollars > 0', true)
  costUsd?: number;
}
