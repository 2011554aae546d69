import 'reflect-metadata';
import { IsEmail, IsEnum, IsIn, IsNotEmpty, IsString, Length, MinLength, ValidateNested } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { payloadFields } from './payload-metadata.accessor.js';

enum Colour {
  Red = 'red',
  Blue = 'blue',
}

class Base {
  @IsString() note!: string;
}

class Mixed extends Base {
  @IsEnum(Colour) colour!: Colour;
  @IsNotEmpty() @Length(2, 10) code!: string;
  @IsEmail() @MinLength(5) email!: string;
  @IsIn(['a', 'b'], { each: true }) tags!: string[];
  @ValidateNested() nested!: object;
  @IsString() @IsIn([1, 2]) confused!: unknown;
}

class Plain {
  note?: string;
}

describe('payloadFields', () => {
  it('reads each field’s kind and bounds from class-validator, own fields before inherited ones', () => {
    expect(payloadFields(Mixed)).toEqual([
      { name: 'colour', kind: 'enum', optional: false, options: ['red', 'blue'] },
      { name: 'code', kind: 'string', optional: false, minLength: 2, maxLength: 10 },
      { name: 'email', kind: 'string', optional: false, minLength: 5 },
      { name: 'tags', kind: 'json', optional: false },
      { name: 'nested', kind: 'json', optional: false },
      { name: 'confused', kind: 'enum', optional: false, options: [1, 2] },
      { name: 'note', kind: 'string', optional: false },
    ]);
  });

  it('is undefined for a class without validation metadata (the form edits JSON then)', () => {
    expect(payloadFields(Plain)).toBeUndefined();
  });
});
