// «Spara i LOKET» on any Teams message (issue 22): a message extension action command (`context: message`,
// `fetchTask: true`). `message.ext.open` hands the core a `save` with the message's text (HTML → text),
// author and link, and returns its form as a task module; `message.ext.submit` runs the form's values as
// the `save` a person could type and returns the confirmation (or the refusal) in the task module, which
// only the saver sees. Message extensions do not work in group chats with external users (README).
import type { App, IActivityContext } from '@microsoft/teams.apps';
import type { IMessageExtensionFetchTaskInvokeActivity, IMessageExtensionSubmitActionInvokeActivity, MessagingExtensionActionResponse } from '@microsoft/teams.api';
import type { Language, Outcome, ProcessIncoming } from '../../handlers/core/incoming.js';
import { renderPlainText, type Reply } from '../../handlers/core/reply.js';
import { t } from '../../handlers/i18n/index.js';
import type { Logger } from '../logger.js';
import { adaptiveCard, ADAPTIVE_CARD_CONTENT_TYPE, textBlock } from './adaptive-card.js';
import { formDataToCommand, renderFormCard } from './render-form.js';
import { toCommandText } from './to-command-text.js';
import { languageOf, toIncoming, type TeamsMessageActivity } from './to-incoming.js';

/** The command id the app package declares (scripts/teams-manifest.ts) and these routes answer. */
export const SAVE_COMMAND_ID = 'saveToLoket';

/** What a message action's `value.messagePayload` carries that LOKET reads. */
interface MessagePayload {
  linkToMessage?: unknown;
  body?: { content?: unknown; contentType?: unknown };
  from?: { user?: { id?: unknown; displayName?: unknown } | null; application?: { displayName?: unknown } | null } | null;
}

type TaskResponse = { task: { type: 'continue'; value: Record<string, unknown> } | { type: 'message'; value: string } };

export interface SaveActionDeps {
  core: ProcessIncoming;
  log: Logger;
  fallbackTenantId: string;
  track(task: Promise<void>): Promise<void>;
}

export function registerSaveAction(app: App, deps: SaveActionDeps): void {
  app.on('message.ext.open', (ctx) => respond(deps, ctx, (activity) => openCommand(activity)));
  app.on('message.ext.submit', (ctx) => respond(deps, ctx, (activity) => submitCommand(activity)));
}

type Invoke = IMessageExtensionFetchTaskInvokeActivity | IMessageExtensionSubmitActionInvokeActivity;

async function respond(deps: SaveActionDeps, ctx: IActivityContext<Invoke>, commandOf: (activity: TeamsMessageActivity & { value?: unknown }) => string | undefined): Promise<MessagingExtensionActionResponse | undefined> {
  const activity = ctx.activity as unknown as TeamsMessageActivity & { value?: { commandId?: unknown } };
  if (activity.value?.commandId !== SAVE_COMMAND_ID || !activity.from?.id || !activity.conversation?.id) return undefined;
  const text = commandOf(activity);
  if (!text) return undefined;
  let result: TaskResponse | undefined;
  const work = (async () => {
    try {
      const reference = ctx.ref as unknown as Record<string, unknown>;
      const outcome: Outcome = await deps.core(toIncoming({ activity, text, reference, fallbackTenantId: deps.fallbackTenantId }));
      // A redelivered invoke was answered the first time; Teams has stopped waiting for this one.
      result = outcome.kind === 'duplicate' ? undefined : taskOf(outcome.reply, outcome.language);
    } catch (error) {
      deps.log.error({ err: error, activityId: activity.id, handler: 'teams.save' }, 'teams message action failed');
      result = { task: { type: 'message', value: t(languageOf(activity), 'error.generic') } };
    }
  })();
  await deps.track(work);
  // The SDK's types name Adaptive Card classes; the JSON Teams reads is this plain shape.
  return result as MessagingExtensionActionResponse | undefined;
}

/** The form as a task module (an Adaptive Card with the reply's words above it); anything else as its text. */
function taskOf(reply: Reply, language: Language): TaskResponse {
  if (!reply.form) return { task: { type: 'message', value: renderPlainText(reply, 'teams-personal') } };
  const { body, actions } = renderFormCard(reply.form, language);
  const intro = reply.blocks.flatMap((b) => (b.type === 'text' ? [textBlock(b.text, { isSubtle: true })] : []));
  const card = adaptiveCard([body[0]!, ...intro, ...body.slice(1)], actions);
  return { task: { type: 'continue', value: { title: reply.form.title, width: 'medium', height: 'large', card: { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card } } } };
}

/** `save author:… link:…` + the message's lines as `note:` lines. */
export function openCommand(activity: TeamsMessageActivity & { value?: unknown }): string {
  const payload = ((activity.value as { messagePayload?: MessagePayload } | undefined)?.messagePayload ?? {}) as MessagePayload;
  const author = authorOf(payload, activity);
  const link = typeof payload.linkToMessage === 'string' ? payload.linkToMessage.replace(/"/g, '') : undefined;
  const head = ['save', ...(author ? [`author:"${author}"`] : []), ...(link ? [`link:"${link}"`] : [])].join(' ');
  const content = typeof payload.body?.content === 'string' ? payload.body.content : '';
  // Plain-text bodies are read the same way: entities and line breaks are all they could hold.
  const lines = toCommandText({ text: content }).split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((l) => `note: ${l}`);
  return [head, ...lines].join('\n');
}

/** The form's values, as the `save` a person could type; only `save` (a forged verb is not run). */
export function submitCommand(activity: TeamsMessageActivity & { value?: unknown }): string | undefined {
  const data = (activity.value as { data?: unknown } | undefined)?.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  return formDataToCommand('save', data as Record<string, unknown>);
}

/**
 * Teams names the author by their Entra (AAD) object id, which LOKET does not key people by (it keeps the
 * `29:` id, as mentions carry it). The saver's own message is theirs by id; anyone else is named, and the
 * core takes a name it knows as that person and any other as a named guest. An app's message is a guest.
 */
function authorOf(payload: MessagePayload, activity: TeamsMessageActivity): string | undefined {
  const clean = (name: unknown) => (typeof name === 'string' ? name.replace(/["“”,<>|@]/g, ' ').replace(/\s+/g, ' ').trim() : '');
  const user = payload.from?.user;
  if (user && typeof user.id === 'string' && user.id === activity.from.aadObjectId) return `<@${activity.from.id}|${clean(activity.from.name ?? user.displayName)}>`;
  if (user && clean(user.displayName)) return `@${clean(user.displayName)}`;
  const app = clean(payload.from?.application?.displayName);
  return app || undefined;
}
