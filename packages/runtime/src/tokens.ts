/** Injection token of the resolved `BatonModuleOptions`. */
export const BATON_OPTIONS = Symbol.for('baton:options');
/** Injection token of the active `Transport`. */
export const BATON_TRANSPORT = Symbol.for('baton:transport');
