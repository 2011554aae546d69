import { ChildRunnerMissingError } from '../errors/child-runner-missing.error.js';
import type { ChildRunner } from './transport.js';

/** The child runner of a transport before `BatonClient` installs its own: every child run fails with a typed error. */
export const unsetChildRunner: ChildRunner = () => Promise.reject(new ChildRunnerMissingError());
