// Slack's side of the inbox: a `/loket` command is stored before it is acknowledged (the ack itself
// answers "try again" when the database does not take it within 2 s, well inside Slack's 3 s), and a
// recovered command is answered through its response_url, or in the user's DM once that has expired.
import { WebClient } from '@slack/web-api';
import type { AckFn, RespondArguments, SlashCommand } from '@slack/bolt';
import type { Admission, Inbox, InboxDeliverer, InboxRow } from '../handlers/core/inbox.js';
import type { Language } from '../handlers/core/incoming.js';
import { textReply } from '../handlers/core/reply.js';
import { t } from '../handlers/i18n/index.js';
import type { Logger } from './logger.js';
import { deliverInteractive } from './slack/deliver.js';
import { commandToIncoming } from './slack/to-incoming.js';

/** What a stored slash command needs to be answered later. */
export interface SlackReplyTo {
  responseUrl: string;
  channelId?: string;
  userId: string;
  teamId?: string;
}

export function slackReplyTo(command: SlashCommand): SlackReplyTo {
  return { responseUrl: command.response_url, channelId: command.channel_id, userId: command.user_id, teamId: command.team_id };
}

export interface AdmitDeps {
  inbox: Inbox;
  logger: Logger;
  language: Language;
}

/**
 * Stores the command, acknowledges it, then runs `process` (with an ack that does nothing: Slack already
 * has its answer) when a turn is free; acknowledgements go first. A redelivery (same trigger_id) is
 * acknowledged silently, since its first delivery answers; a command that cannot be stored is acknowledged
 * with "try again".
 */
export function admittingSlashCommands<A extends { command: SlashCommand; ack: AckFn<string | RespondArguments> }>(
  deps: AdmitDeps,
  process: (args: A) => Promise<void>,
): (args: A) => Promise<void> {
  const { turns } = deps.inbox;
  return async (args) => {
    const { command, ack } = args;
    const message = commandToIncoming(command);
    let admission: Admission;
    try {
      admission = await deps.inbox.admit(message, { ...slackReplyTo(command) });
      if (admission.kind === 'unavailable') {
        deps.logger.warn({ err: admission.error, platform: 'slack', team: command.team_id, user: command.user_id }, 'command not stored: database unavailable');
        await ack({ response_type: 'ephemeral', text: t(deps.language, 'reliability.unavailable') });
        return;
      }
      await ack();
    } finally {
      // This acknowledgement may have been the last one owed: commands held back for it may start.
      turns.wake();
    }
    if (admission.kind === 'duplicate') return;
    const storedAt = performance.now();
    await turns.run(async () => {
      // Its answer time counts from the acknowledgement, not from its turn (bot/slack/guard.ts).
      if (await deps.inbox.resume(message, performance.now() - storedAt)) await process({ ...args, ack: async () => {}, acknowledgedAt: storedAt });
    });
  };
}

/** A workspace's bot token; undefined when LOKET is not (or no longer) installed there. */
export type SlackTokenLookup = (teamId: string) => Promise<string | undefined>;

export interface SlackDelivererOptions {
  /** The one token of a single-workspace setup, or (OAuth mode) each installation's own, looked up when an
   *  answer is sent, so a token rotated since the command arrived is the one used. */
  botToken: string | SlackTokenLookup;
  apiUrl?: string;
  logger: Logger;
}

/** Clients kept per token; rotated tokens replace old ones, so the map is cleared when it grows past this. */
const MAX_CLIENTS = 100;

/** Answers recovered slash commands: through the response_url while it is valid, else in the user's DM. */
export function createSlackInboxDeliverer(options: SlackDelivererOptions): InboxDeliverer {
  const { botToken } = options;
  const tokenOf: SlackTokenLookup = typeof botToken === 'string' ? async () => botToken : botToken;
  const clients = new Map<string, WebClient>();
  const clientFor = (token: string) => {
    if (clients.size >= MAX_CLIENTS) clients.clear();
    const client = clients.get(token) ?? new WebClient(token, {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
      timeout: 10_000,
    });
    clients.set(token, client);
    return client;
  };
  return async (row: InboxRow, outcome, late) => {
    if (outcome.kind === 'duplicate') return;
    const to = row.replyTo as unknown as SlackReplyTo;
    const teamId = to.teamId ?? row.workspaceId;
    // Thrown, not dropped: recovery keeps the row and tries again (a reinstall brings the token back).
    const token = await tokenOf(teamId);
    if (!token) throw new Error(`slack: no bot token for workspace ${teamId}`);
    const target = { client: clientFor(token), logger: options.logger, userId: to.userId, teamId: to.teamId };
    if (!late) {
      await deliverInteractive(outcome.reply, outcome.language, { ...target, channelId: to.channelId, responseUrl: to.responseUrl });
      return;
    }
    // No channel: deliverInteractive then posts to the user id, which Slack puts in the app's DM.
    const command = String((row.message as { text?: unknown }).text ?? '').slice(0, 80);
    const note = textReply(t(outcome.language, 'reliability.late_answer', { command }));
    const reply = { ...outcome.reply, visibility: 'private' as const, blocks: [...note.blocks, ...outcome.reply.blocks] };
    await deliverInteractive(reply, outcome.language, target);
  };
}

