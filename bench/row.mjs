/**
 * One line of the benchmark table.
 * @typedef {object} BenchRow
 * @property {string} section   e.g. '1. in-process overhead'
 * @property {string} metric    what is measured, e.g. '10-step sequential: overhead per step p50'
 * @property {number} value     Baton's figure
 * @property {string} unit      'us', 'ms', 'runs/s', 'steps/s', 'MB', 'cmds/step', ...
 * @property {number} [baseline]      the same figure for the baseline on the same machine
 * @property {string} [baselineName]  what the baseline is, e.g. 'plain await chain', 'raw Bull'
 * @property {number} [ratio]         value / baseline (or as the metric defines it)
 * @property {string} [target]        the target, e.g. '<= 5 us'
 * @property {boolean} [met]          whether the target is met
 */
export {};
