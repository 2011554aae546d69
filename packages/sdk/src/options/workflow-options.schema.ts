import { IsOptional, IsString, Matches } from 'class-validator';
import { IsFunctionValue, IsNumberIn, IsPlainObjectValue, must } from './option-rules.js';
import { MAX_TIMER_MS } from '../constants.js';

/** The pattern of a workflow name: safe in URLs, Redis keys and queue names. */
export const WORKFLOW_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The class-validator schema of `@Workflow` options. */
export class WorkflowOptionsSchema {
  @IsOptional()
  @Matches(WORKFLOW_NAME_PATTERN, must('a name of letters, digits, ".", "_" and "-" starting with a letter or digit'))
  name?: string;

  @IsOptional()
  @IsFunctionValue('a class decorated with class-validator')
  input?: unknown;

  @IsOptional()
  @IsString(must('a step name'))
  output?: string;

  @IsOptional()
  @IsNumberIn(0, MAX_TIMER_MS, `a positive number of milliseconds ≤ ${MAX_TIMER_MS}`, true)
  timeout?: number;

  @IsOptional()
  @IsPlainObjectValue('an object of caps: { steps?, tokens?, costUsd? }')
  budget?: object;

  @IsOptional()
  @IsString(must('a string'))
  version?: string;

  @IsOptional()
  @IsString(must('a string'))
  description?: string;
}
