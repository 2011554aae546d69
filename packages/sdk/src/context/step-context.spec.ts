import { describe, expectTypeOf, it } from 'vitest';
import type { StepContext } from '../index.js';

class Approval {
  approved!: boolean;
}

describe('StepContext', () => {
  it('types received by its fourth parameter, unknown by default', () => {
    expectTypeOf<StepContext<unknown, { a: number }, unknown, Approval>['received']>().toEqualTypeOf<
      Approval | undefined
    >();
    expectTypeOf<StepContext['received']>().toEqualTypeOf<unknown>();
  });

  it('has progress(data), returning nothing', () => {
    expectTypeOf<StepContext['progress']>().toEqualTypeOf<(data: unknown) => void>();
  });

  it('keeps the three-parameter form valid', () => {
    expectTypeOf<StepContext<string, { a: number }, number>['item']>().toEqualTypeOf<number | undefined>();
  });
});
