/** What {@link measureJson} found about a value. */
export interface JsonMeasure {
  /** The length in UTF-8 bytes of `JSON.stringify(value)`; exact only when `problem` and `tooDeepAt` are unset. */
  bytes: number;
  /** The first value JSON would lose or change, with its path, e.g. `$.at is a Date, which JSON does not keep`. */
  problem?: string;
  /** The path of the first array or object nested deeper than `maxDepth`; the walk stopped there. */
  tooDeepAt?: string;
}

/** An open array or object of the walk. */
interface Frame {
  value: Record<string, unknown> | unknown[];
  /** The key this container sits under in its parent (`undefined` for the root). */
  key: string | number | undefined;
  /** The object's own enumerable keys; `undefined` for an array. */
  keys: string[] | undefined;
  next: number;
  /** Members written so far (for the commas between them). */
  written: number;
}

/** Strings made only of these characters are written as they are, between quotes. */
const PLAIN_STRING = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * Walks a value once, without recursion (so no depth overflows the stack), and returns the exact size of
 * its JSON, the first part JSON would lose or change (the rules of `assertJson`), and where it first nests
 * deeper than `maxDepth`. Non-plain objects are still walked, so their depth counts too.
 */
export function measureJson(root: unknown, maxDepth: number): JsonMeasure {
  const stack: Frame[] = [];
  const open = new Set<unknown>();
  const result: JsonMeasure = { bytes: 0 };
  const pathOf = (key: string | number | undefined): string => {
    let path = '$';
    for (let i = 1; i < stack.length; i++) path += step(stack[i].key);
    return key === undefined ? path : path + step(key);
  };
  const problem = (key: string | number | undefined, reason: string): void => {
    if (result.problem === undefined) result.problem = `${pathOf(key)} ${reason}`;
  };

  /** Adds a scalar's bytes, or opens a container; false when the walk must stop. */
  const visit = (value: unknown, key: string | number | undefined, inArray: boolean): boolean => {
    switch (typeof value) {
      case 'string':
        result.bytes += stringBytes(value);
        return true;
      case 'number':
        if (Number.isFinite(value)) result.bytes += String(value).length;
        else {
          problem(key, `is ${value}, which JSON turns into null`);
          result.bytes += 4;
        }
        return true;
      case 'boolean':
        result.bytes += value ? 4 : 5;
        return true;
      case 'undefined':
        if (inArray) problem(key, 'is undefined, which JSON turns into null');
        return true;
      case 'bigint':
      case 'symbol':
      case 'function':
        problem(key, `is a ${typeof value}`);
        return true;
    }
    if (value === null) {
      result.bytes += 4;
      return true;
    }
    if (open.has(value)) {
      problem(key, 'is a circular reference');
      return true;
    }
    if (stack.length + 1 > maxDepth) {
      result.tooDeepAt = pathOf(key);
      return false;
    }
    if (ArrayBuffer.isView(value)) {
      problem(key, `is a ${value.constructor.name}, which JSON does not keep`);
      return true;
    }
    const isArray = Array.isArray(value);
    if (!isArray) {
      const proto = Object.getPrototypeOf(value) as object | null;
      if (proto !== Object.prototype && proto !== null) {
        problem(key, `is a ${(value as object).constructor?.name ?? 'non-plain object'}, which JSON does not keep`);
      }
    }
    open.add(value);
    const container = value as Record<string, unknown> | unknown[];
    stack.push({ value: container, key, keys: isArray ? undefined : Object.keys(container), next: 0, written: 0 });
    result.bytes += 2;
    return true;
  };

  if (!visit(root, undefined, false)) return result;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.keys === undefined) {
      const array = frame.value as unknown[];
      if (frame.next < array.length) {
        const index = frame.next++;
        if (frame.written++ > 0) result.bytes += 1;
        const item = array[index];
        // JSON writes null for an item it cannot hold.
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') result.bytes += 4;
        if (!visit(item, index, true)) return result;
        continue;
      }
    } else if (frame.next < frame.keys.length) {
      const key = frame.keys[frame.next++];
      const child = (frame.value as Record<string, unknown>)[key];
      // JSON leaves out a property it cannot hold.
      if (child !== undefined && typeof child !== 'function' && typeof child !== 'symbol') {
        result.bytes += (frame.written++ > 0 ? 1 : 0) + stringBytes(key) + 1;
      }
      if (!visit(child, key, false)) return result;
      continue;
    }
    stack.pop();
    open.delete(frame.value);
  }
  return result;
}

function step(key: string | number | undefined): string {
  return typeof key === 'number' ? `[${key}]` : `.${key}`;
}

/** The UTF-8 length of a string as JSON writes it: quoted, escaped, lone surrogates as `\uXXXX`. */
function stringBytes(text: string): number {
  if (PLAIN_STRING.test(text)) return text.length + 2;
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) bytes += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
    else if (c === 0x22 || c === 0x5c) bytes += 2;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 6;
    } else if (c >= 0xdc00 && c <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
}
