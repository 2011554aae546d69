import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** How deep the research goes; `exhaustive` reads every source in full and writes at length. */
export const RESEARCH_DEPTHS = ['standard', 'exhaustive'] as const;

/** One of {@link RESEARCH_DEPTHS}. */
export type ResearchDepth = (typeof RESEARCH_DEPTHS)[number];

/** What to research. */
export class ResearchInput {
  /** The subject of the article. A topic containing "never good enough" is never approved by the critic. */
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  topic!: string;

  /**
   * How deep to go; `exhaustive` spends more tokens than the workflow's budget allows.
   * @defaultValue `'standard'`
   */
  @IsOptional()
  @IsIn(RESEARCH_DEPTHS)
  depth?: ResearchDepth;
}
