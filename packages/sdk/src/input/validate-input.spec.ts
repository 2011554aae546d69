import { Type as TransformType } from 'class-transformer';
import { IsEmail, IsInt, IsString, Min, MinLength, ValidateNested } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { InputValidationError } from '../errors/input-validation.error.js';
import { validateInput } from './validate-input.js';

class Item {
  @IsString() sku!: string;
  @IsInt() @Min(1) quantity!: number;
}

class Order {
  @IsEmail() email!: string;
  @IsString() @MinLength(3) note!: string;
  @ValidateNested({ each: true }) @TransformType(() => Item) items!: Item[];
}

function violations(plain: unknown) {
  expect(() => validateInput(Order, plain, 'orders')).toThrow(InputValidationError);
  try {
    validateInput(Order, plain, 'orders');
  } catch (error) {
    return error as InputValidationError;
  }
  throw new Error('unreachable');
}

describe('validateInput', () => {
  it('returns an instance of the input class when the input is valid', () => {
    const order = validateInput(Order, { email: 'a@b.co', note: 'fast', items: [{ sku: 'x', quantity: 2 }] });
    expect(order).toBeInstanceOf(Order);
    expect(order.items[0]).toBeInstanceOf(Item);
  });

  it('reports every failed constraint with its property path', () => {
    const error = violations({
      email: 'nope',
      note: 'ok',
      items: [
        { sku: 'a', quantity: 1 },
        { sku: 5, quantity: 0 },
      ],
    });
    expect(error.code).toBe('INPUT_VALIDATION');
    expect(error.workflow).toBe('orders');
    expect(error.violations.map((v) => [v.path, v.constraint])).toEqual([
      ['email', 'isEmail'],
      ['note', 'minLength'],
      ['items[1].sku', 'isString'],
      ['items[1].quantity', 'min'],
    ]);
    expect(error.message).toContain('Invalid input for orders (Order):');
    expect(error.message).toContain('  - items[1].quantity: quantity must not be less than 1');
  });

  it.each([
    [null, 'null'],
    [[1], 'an array'],
    ['text', 'string'],
  ])('rejects a non-object input (%j)', (plain, given) => {
    const error = violations(plain);
    expect(error.violations).toEqual([
      { path: '', constraint: 'isObject', message: `the input must be an object, got ${given}` },
    ]);
  });

  it('names a signal payload instead of the input when given a subject', () => {
    expect(() => validateInput(Item, { sku: 1, quantity: 1 }, 'orders', "signal 'restock' payload")).toThrow(
      "Invalid signal 'restock' payload for orders (Item):\n  - sku: sku must be a string",
    );
    expect(() => validateInput(Item, 'text', undefined, "signal 'restock' payload")).toThrow(
      "Invalid signal 'restock' payload for Item (Item):\n  - (signal 'restock' payload): the signal 'restock' payload must be an object, got string",
    );
    expect(validateInput(Item, { sku: 'x', quantity: 1 }, 'orders', "signal 'restock' payload")).toBeInstanceOf(Item);
  });
});
