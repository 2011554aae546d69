import { IsOptional, IsString } from 'class-validator';
import { IsStepNames, must } from './option-rules.js';

/** The class-validator schema of `@Step` and `@Route` options. */
export class StepOptionsSchema {
  @IsOptional()
  @IsStepNames()
  after?: string | string[];

  @IsOptional()
  @IsString(must('a string'))
  description?: string;
}
