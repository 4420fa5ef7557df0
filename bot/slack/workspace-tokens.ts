import { DeliveryError } from '../../handlers/core/notifier.js';
import type { SlackAdapter } from './slack-adapter.js';

/**
 * The notifier's token lookup. A workspace LOKET was removed from answers `gone`: the weekly jobs record
 * that once per target and period and never retry it, instead of failing every tick until the week ends.
 */
export function proactiveSlackToken(adapter: Pick<SlackAdapter, 'botToken'>) {
  return async (workspaceId: string): Promise<string> => {
    const token = await adapter.botToken(workspaceId);
    if (!token) throw new DeliveryError('gone', `LOKET is not installed in Slack workspace ${workspaceId}`);
    return token;
  };
}
