import { expect, it } from 'vitest';
import { createLogger, type Logger, writes } from '../src/shared/logger.ts';

it('writes the lines of its level and above, and says which levels it writes', () => {
  const lines: string[] = [];
  const logger = createLogger({ format: 'json', level: 'info', write: (line) => lines.push(line) });
  logger.debug('dropped');
  logger.info('kept');
  logger.error('kept too');
  expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toStrictEqual(['kept', 'kept too']);
  expect([
    writes(logger, 'debug'),
    writes(logger, 'info'),
    writes(logger, 'warn'),
    writes(logger, 'error'),
  ]).toStrictEqual([false, true, true, true]);
  const unknownLevel: Logger = { debug() {}, info() {}, warn() {}, error() {} };
  expect(writes(unknownLevel, 'debug'), 'a logger that does not name its level gets every line').toBe(true);
});
