import { appendMethodMetadata, recordMisuse } from '../metadata/register.js';

/**
 * Builds a method decorator that appends `value` under `key`. Misuse (a static member, a symbol name, a
 * property or accessor) is recorded instead of thrown, so the compiler reports it with everything else.
 */
export function methodDecorator(decorator: string, key: string, value: unknown): MethodDecorator {
  return (target: object, member: string | symbol, descriptor?: PropertyDescriptor) => {
    const isStatic = typeof target === 'function';
    const owner = isStatic ? target : (target as { constructor: object }).constructor;
    const memberName = String(member);
    if (isStatic) {
      recordMisuse(owner, {
        decorator,
        member: memberName,
        problem: `${decorator} is on a static method; steps must be instance methods`,
      });
      return;
    }
    if (typeof member !== 'string') {
      recordMisuse(owner, {
        decorator,
        member: memberName,
        problem: `${decorator} is on a symbol-named method; steps need a string name`,
      });
      return;
    }
    if (descriptor === undefined || typeof descriptor.value !== 'function') {
      recordMisuse(owner, {
        decorator,
        member: memberName,
        problem: `${decorator} is on a property or accessor; it must decorate a method`,
      });
      return;
    }
    appendMethodMetadata(key, target, member, value);
  };
}
