import type { Reply } from '../agents/ticket.types.js';

/** How many sent replies the outbox remembers (the oldest is forgotten first). */
const REMEMBERED = 1_000;

/**
 * A local outbox, the stand-in for an email service: it "sends" a reply once per key, so a step that runs
 * again (a retry, a worker that died after sending) does not send it twice.
 */
export class OutboxService {
  private readonly sentByKey = new Map<string, Reply>();

  /** Sends `reply` unless a reply was already sent under `key` (pass `ctx.idempotencyKey`); returns what was sent. */
  send(reply: Reply, key: string): Reply {
    const earlier = this.sentByKey.get(key);
    if (earlier) return earlier;
    if (this.sentByKey.size >= REMEMBERED) this.sentByKey.delete(this.sentByKey.keys().next().value!);
    this.sentByKey.set(key, reply);
    return reply;
  }

  /** The replies sent, oldest first (at most the last 1 000). */
  sent(): Reply[] {
    return [...this.sentByKey.values()];
  }
}
