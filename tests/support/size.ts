import { inject } from 'vitest';

/**
 * The load, soak, outage, shutdown and hostile tests run small in the default suite, so that a
 * regression still shows there, and at full size in the slow one (vitest.slow.config.ts).
 */
export const fullSize = inject('fullSize');

/** `small` in the default suite, `full` in the slow one. */
export function bySize<T>(small: T, full: T): T {
  return fullSize ? full : small;
}
