import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_ITERATIONS } from '../constants.js';
import { must } from './option-rules.js';
import { StepOptionsSchema } from './step-options.schema.js';

const ITERATIONS_RULE = `an integer from 1 to ${MAX_ITERATIONS}`;

/** The class-validator schema of `@Route` options: those of `@Step`, plus the loop cap. */
export class RouteOptionsSchema extends StepOptionsSchema {
  @IsOptional()
  @IsInt(must(ITERATIONS_RULE))
  @Min(1, must(ITERATIONS_RULE))
  @Max(MAX_ITERATIONS, must(ITERATIONS_RULE))
  maxIterations?: number;
}
