import { defineBatonVitestConfig } from '../../vitest.shared.js';

export default defineBatonVitestConfig();
