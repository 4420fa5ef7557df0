// Sends rendered messages one after another, in order, retrying what the Bot Connector throttles.
import type { Logger } from '../logger.js';
import type { TeamsMessage } from './adaptive-card.js';

const MAX_ATTEMPTS = 3;
const MAX_WAIT_MS = 5_000;

export interface ConnectorFailure {
  status?: number;
  retryAfterMs?: number;
}

/** The HTTP status and Retry-After of a failed connector call (the SDK's client throws axios errors). */
export function connectorFailure(error: unknown): ConnectorFailure {
  const response = (error as { response?: { status?: unknown; headers?: Record<string, unknown> } })?.response;
  const status = typeof response?.status === 'number' ? response.status : undefined;
  const retryAfter = Number(response?.headers?.['retry-after']);
  return { status, ...(Number.isFinite(retryAfter) ? { retryAfterMs: retryAfter * 1000 } : {}) };
}

/**
 * Sends every message; a 429 (or 503) is retried after Retry-After, capped so a request never hangs.
 * Throws the last error when a message cannot be sent, after the messages before it went out.
 */
export async function deliverAll(messages: TeamsMessage[], sendOne: (message: TeamsMessage) => Promise<unknown>, logger: Logger): Promise<void> {
  for (const message of messages) {
    for (let attempt = 1; ; attempt++) {
      try {
        await sendOne(message);
        break;
      } catch (error) {
        const failure = connectorFailure(error);
        const retryable = failure.status === 429 || failure.status === 503;
        if (!retryable || attempt >= MAX_ATTEMPTS) throw error;
        const waitMs = Math.min(failure.retryAfterMs ?? 500 * attempt, MAX_WAIT_MS);
        logger.warn({ status: failure.status, attempt, waitMs }, 'teams connector throttled; retrying');
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  }
}
