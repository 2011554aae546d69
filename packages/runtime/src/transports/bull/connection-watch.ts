import { Logger } from '@nestjs/common';

/** The part of an ioredis connection (or a Bull queue) that reports errors and reconnects. */
interface Watched {
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
}

const logger = new Logger('BatonRedis');

/**
 * Listens for errors on a connection (an unhandled ioredis error would print a line per retry) and logs
 * one line when it goes down and one when it is back, with how long the outage lasted; `onRestored`
 * runs after each reconnect. For a Bull queue (which re-emits its connections' errors but not their
 * `ready`), pass the queue's client as `readySource`.
 */
export function watchConnection(
  connection: Watched,
  name: string,
  onRestored?: () => void,
  readySource: Watched = connection,
): void {
  let downSince: number | undefined;
  connection.on('error', (error: Error) => {
    if (downSince !== undefined) return;
    downSince = Date.now();
    logger.warn(`Redis connection '${name}' lost (${error.message}); reconnecting`);
  });
  readySource.on('ready', () => {
    if (downSince === undefined) return;
    logger.log(`Redis connection '${name}' restored after ${Date.now() - downSince} ms`);
    downSince = undefined;
    onRestored?.();
  });
}
