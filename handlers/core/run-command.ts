import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { createRepositories, type Repositories } from '../../db/repositories.js';
import { normalizeText, parseMessage } from './parse.js';
import { t, toLanguage } from '../i18n/index.js';
import { bind } from './bind.js';
import type { Registry } from './registry.js';
import { exampleIn, exampleInWords, verbIn, type CommandSpec } from './spec.js';
import { resolveActor, resolveWorkspace } from './resolve-actor.js';
import type { Clock, CoreSettings } from './context.js';
import type { CommandObserver } from './settings.js';
import { LoketError } from './errors.js';
import { exampleFor } from './examples.js';
import { dayIn } from './dates.js';
import type { Actor } from './actor.js';
import { RememberedConversations } from './remembered-conversations.js';
import { DeferredWrites } from './deferred-writes.js';
import type { IncomingMessage, Language, Outcome, ProcessIncoming } from './incoming.js';
import type { Reply } from './reply.js';
import { replyInWords } from './reader-words.js';
import { errorReply, isStrayLine, notConnectedReply, permissionReply, strayLineReply, unknownVerbReply } from './error-replies.js';
import { smallTalkOf } from './small-talk.js';

export interface CoreDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  settings: CoreSettings;
}

/** The core also needs the commands it serves (handlers/registry.ts joins the features' declarations). */
export type CommandDeps = CoreDeps & { registry: Registry };

// Slack retries for about an hour and Teams for minutes; a day of keys is a safe margin.
const DELIVERY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** Expected failures roll back the command's writes but keep the delivery key, so a redelivery of a
 *  refused command is still answered only once. */
class Refused extends Error {
  constructor(readonly outcome: Outcome) {
    super('refused');
  }
}

/**
 * The core: adapter → parse → handler → repositories → Reply. Each message runs in one transaction, so
 * the user's success reply (sent by the adapter after this returns) always follows the commit, and a
 * failure leaves nothing half-written.
 */
export function createCore(deps: CommandDeps): ProcessIncoming {
  const conversations = new RememberedConversations();
  return async (message) => {
    const afterCommit: (() => void)[] = [];
    // Messages a command queued for others go out after its commit; a command that queued none costs the
    // outbox nothing (a kick reads and updates the outbox: two statements after every command, issue 21).
    let queued = false;
    const later = new DeferredWrites();
    const commandRepos = (tx: Database): Repositories => {
      const repos = createRepositories(tx);
      const enqueue = repos.outbox.enqueue.bind(repos.outbox);
      repos.outbox.enqueue = async (message) => {
        const result = await enqueue(message);
        if (result.queued) afterCommit.push(() => (queued = true));
        return result;
      };
      repos.audit.record = later.defer(repos.audit.record.bind(repos.audit));
      return repos;
    };
    const fallbackLanguage = toLanguage(message.locale) ?? deps.settings.defaultLanguage;
    const observed = startObserving(deps.settings.commands, message);
    try {
      let committed: Outcome;
      try {
        committed = await deps.db.transaction((tx) => settle(commandRepos(tx), message, deps.clock.now(), (repos, firstDelivery) => handle(message, repos, deps, fallbackLanguage, { observed, conversations, afterCommit, firstDelivery }), later));
        for (const done of afterCommit) done();
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        observed?.refused();
        // A refusal's writes went with its transaction (no savepoint costs every command two round trips);
        // its delivery key and answer are kept in a second one, so a redelivery is still answered once.
        const refusal = error.outcome;
        committed = message.deliveryKey ? await deps.db.transaction((tx) => settle(createRepositories(tx), message, deps.clock.now(), async () => refusal, new DeferredWrites())) : refusal;
      }
      // After the commit, never inside it: messages the command queued for others (the outbox) go out now.
      if (queued) deps.settings.outbox?.kick();
      observed?.end(committed);
      return committed;
    } catch (error) {
      observed?.end('error');
      deps.logger.error({ err: error, platform: message.platform, workspace: message.workspaceId, user: message.userId }, 'command failed');
      return { kind: 'reply', language: fallbackLanguage, reply: { ...errorReplyText(fallbackLanguage), error: { code: 'error.generic' } } };
    }
  };
}

/** A duplicate delivery's outcome: the first one answers. */
const DUPLICATE: Outcome = { kind: 'duplicate' };

/**
 * Claims the delivery, runs the command and keeps its answer, in the caller's transaction: a redelivery
 * acts once, and a command taken through the inbox keeps its answer in the same commit as its effect, so a
 * restart after a crash sends this answer instead of running the command again (bot/inbox*.ts).
 * The claim is sent without waiting for it: `run` reads what every command needs in the same round trip
 * and waits for the claim before it writes anything of its own. A concurrent duplicate's claim waits on the
 * unique index until the first transaction ends, then sees the key.
 */
async function settle(repos: Repositories, message: IncomingMessage, now: Date, run: (repos: Repositories, firstDelivery: Promise<boolean>) => Promise<Outcome>, later: DeferredWrites): Promise<Outcome> {
  const key = message.deliveryKey;
  const firstDelivery = key ? repos.deliveries.claim(key.source, key.key, now, DELIVERY_KEY_TTL_MS).then(({ first }) => first) : Promise.resolve(true);
  // Awaited below; this only keeps a failed claim from counting as unhandled while `run` is still busy.
  firstDelivery.catch(() => undefined);
  const outcome = await run(repos, firstDelivery);
  if (!(await firstDelivery)) return DUPLICATE;
  await later.flush(message.stored && key ? [repos.inbox.answer(key.source, key.key, { ...outcome }, now)] : []);
  return outcome;
}

/** One command as the observer (settings.commands) is told about it. */
interface Observed {
  verb: string;
  refused(): void;
  end(outcome: Outcome | 'error'): void;
}

function startObserving(observer: CommandObserver | undefined, message: IncomingMessage): Observed | undefined {
  if (!observer) return undefined;
  const started = performance.now();
  let refused = false;
  return {
    verb: 'none',
    refused: () => {
      refused = true;
    },
    end(outcome) {
      if (outcome !== 'error' && outcome.kind === 'duplicate') return;
      const ended = outcome === 'error' ? 'error' : refused || outcome.reply.error ? 'refused' : 'ok';
      observer.ran({ platform: message.platform, verb: this.verb, outcome: ended, seconds: (performance.now() - started) / 1000 });
    },
  };
}

function errorReplyText(language: Language) {
  return { visibility: 'private' as const, blocks: [{ type: 'text' as const, text: t(language, 'error.generic') }] };
}

/** What one message's run shares with createCore: the observer, the process's remembered conversations and
 *  what to do once the transaction has committed. */
interface RunState {
  observed: Observed | undefined;
  conversations: RememberedConversations;
  afterCommit: (() => void)[];
  /** Whether this is the delivery's first arrival (settle's claim, still in flight). */
  firstDelivery: Promise<boolean>;
}

/** Runs the command; every command its answer shows (examples, hints, help, buttons) is in the reader's words. */
async function handle(message: IncomingMessage, repos: Repositories, deps: CommandDeps, fallbackLanguage: Language, state: RunState): Promise<Outcome> {
  const inWords = (outcome: Outcome): Outcome => (outcome.kind === 'reply' ? { ...outcome, reply: replyInWords(deps.registry, outcome.reply, outcome.language) } : outcome);
  try {
    return inWords(await answer(message, repos, deps, fallbackLanguage, state));
  } catch (error) {
    if (error instanceof Refused) throw new Refused(inWords(error.outcome));
    throw error;
  }
}

async function answer(message: IncomingMessage, repos: Repositories, deps: CommandDeps, fallbackLanguage: Language, { observed, conversations, afterCommit, firstDelivery }: RunState): Promise<Outcome> {
  const refuse = (language: Language, reply: Reply): never => {
    throw new Refused({ kind: 'reply', language, reply });
  };
  const { registry } = deps;
  // Handlers that keep line breaks read the command's raw text, so it is cleaned like the parsed words.
  const text = normalizeText(message.text);
  const parsed = parseMessage(text);
  const resolution = registry.resolve(parsed, text);
  // The claim, the workspace and the person go out together: one round trip before the command's own work.
  const [first, { workspace }, { facts }] = await Promise.all([
    firstDelivery,
    resolveWorkspace(message, repos, deps),
    repos.people.actorFacts({ platform: message.platform, workspaceExternalId: message.workspaceId, userId: message.userId }),
  ]);
  if (!first) return DUPLICATE;

  // A workspace that belongs to no programme yet may only join one.
  if (resolution.kind === 'verb' && 'workspaceHandler' in resolution.spec) {
    const { spec } = resolution;
    if (observed) observed.verb = spec.verb;
    try {
      const { args } = bind(spec, resolution.command, fallbackLanguage);
      const reply = await spec.workspaceHandler({ args, workspace, language: fallbackLanguage, repos, clock: deps.clock });
      return { kind: 'reply', language: fallbackLanguage, reply };
    } catch (error) {
      if (error instanceof LoketError) refuse(fallbackLanguage, errorReply(error, fallbackLanguage, exampleIn(spec, fallbackLanguage)));
      throw error;
    }
  }
  if (!workspace.programmeId) return { kind: 'reply', language: fallbackLanguage, reply: notConnectedReply(fallbackLanguage) };

  const actor = await resolveActor(message, workspace.programmeId, repos, deps, facts);
  const language = actor.language;
  await rememberConversation(message, workspace.programmeId, repos, conversations, afterCommit, deps.clock.now().getTime());
  // An empty message (a bare `/loket`) gets the help.
  let resolved = resolution.kind === 'empty' ? registry.resolve(parseMessage('help'), 'help') : resolution;
  // `plan gpa`: a word near a sub-command, where a cluster's name may stand, is the sub-command mistyped unless
  // the programme has a cluster by that name.
  if (resolved.kind === 'verb' && resolved.nearMiss) {
    const { typed, suggestion, command, cluster } = resolved.nearMiss;
    if (!(await repos.clusters.anyNameStartsWith(workspace.programmeId, cluster)).found) resolved = { kind: 'unknown', typed, suggestion, command };
  }
  if (observed) observed.verb = resolved.kind === 'verb' ? resolved.spec.verb : 'unknown';
  if (resolved.kind === 'unknown' && isStrayLine(parsed)) return refuse(language, strayLineReply(language));
  const talk = resolved.kind === 'unknown' ? smallTalkOf(parsed) : undefined;
  if (talk) return { kind: 'reply', language, reply: { visibility: 'private', blocks: [{ type: 'text', text: t(language, talk === 'greeting' ? 'verb.greeting' : 'verb.thanks') }] } };
  if (resolved.kind === 'unknown') {
    // The example names the programme's own clusters and meetings, as under any other refusal.
    const example = resolved.suggestion && (await exampleFor({ actor, repos, clock: deps.clock, settings: deps.settings }, exampleInWords(resolved.suggestion, language)));
    return refuse(language, unknownVerbReply(resolved.typed, resolved.suggestion, language, resolved.command, example));
  }
  if (resolved.kind !== 'verb' || !('handler' in resolved.spec)) throw new Error(`no handler for a ${resolved.kind} command`);
  const { spec } = resolved;
  // One line per platform command with what an operator filters on; the request id is the platform's
  // delivery key (Slack event/trigger id, Teams activity id). The console's own terminal needs no such line.
  if (message.platform !== 'console') deps.logger.info({ requestId: message.deliveryKey?.key, platform: message.platform, workspace: message.workspaceId, programme: workspace.programmeId, handler: spec.verb }, 'command');
  if (!registry.mayRun(spec, actor)) {
    const retired = await retiredRoleRefusal(repos, registry, spec, actor, message.text, deps.settings.timezone);
    refuse(language, retired ? errorReply(retired, language, 'cluster list all') : permissionReply(verbIn(spec, language), registry.rolesFor(spec), language));
  }
  try {
    const { args, command } = bind(spec, resolved.command, language);
    const reply = await spec.handler({ args, command, actor, message, repos, registry, clock: deps.clock, settings: deps.settings, logger: deps.logger.child({ handler: spec.verb }) });
    if (reply.error) refuse(language, reply);
    return { kind: 'reply', language, reply };
  } catch (error) {
    if (error instanceof LoketError) {
      // The example names one of the programme's clusters and a due date ahead, not the catalog's placeholders.
      const example = await exampleFor({ actor, repos, clock: deps.clock, settings: deps.settings }, readerExample(error, spec, language));
      refuse(language, errorReply(withExample(error, example), language, example));
    }
    throw error;
  }
}

/** A command refused for want of a role that the person holds only in a retired cluster: they are told the
 *  cluster is retired and since when, not that their role may not run it (a leader whose cluster was retired
 *  read «Du får inte köra `anteckning`» and took it for a broken role). The cluster named in the message is
 *  the one said, else the one retired last. Read only on this refusal, never on a command that runs. */
async function retiredRoleRefusal(repos: Repositories, registry: Registry, spec: CommandSpec, actor: Actor, text: string, timeZone: string): Promise<LoketError | undefined> {
  const { memberships } = await repos.clusters.retiredMembershipsOf(actor.programmeId, actor.personId);
  const granting = memberships.filter((m) => registry.mayRun(spec, { ...actor, clusterRoles: [{ clusterId: m.cluster.id, clusterName: m.cluster.name, role: m.role }] }));
  const typed = text.toLocaleLowerCase('sv');
  const held = granting.find((m) => typed.includes(m.cluster.name.toLocaleLowerCase('sv'))) ?? granting[0];
  if (!held?.cluster.retiredAt) return undefined;
  return new LoketError('cluster.retired_role', { cluster: held.cluster.name, role: `role.${held.role}`, date: dayIn(timeZone, held.cluster.retiredAt) }, 'cluster list all');
}

/** A handler that shows its own command's example in the other language gets the reader's instead. */
function readerExample(error: LoketError, spec: CommandSpec, language: Language): string {
  if (!error.example) return exampleIn(spec, language);
  if (typeof spec.example === 'string') return error.example;
  if (error.example !== spec.example.sv && error.example !== spec.example.en) return error.example;
  return spec.example[language];
}

function withExample(error: LoketError, example: string): LoketError {
  if (error.example === example) return error;
  const shown = new LoketError(error.code, error.params, example);
  if (error.hint) shown.withHint(error.hint.code, error.hint.params);
  return shown;
}

async function rememberConversation(message: IncomingMessage, programmeId: string, repos: Repositories, remembered: RememberedConversations, afterCommit: (() => void)[], now: number) {
  if (!message.conversation || message.platform === 'console') return;
  const input = {
    programmeId,
    platform: message.platform,
    workspaceExternalId: message.workspaceId,
    conversationId: message.conversation.id,
    conversationType: message.conversation.type,
    userId: message.conversation.type === 'personal' ? message.userId : undefined,
    serviceUrl: message.conversation.serviceUrl,
    reference: message.conversation.reference,
  };
  const key = `${input.platform}:${input.conversationId}`;
  const fingerprint = JSON.stringify(input);
  if (remembered.isFresh(key, fingerprint, now)) return;
  await repos.conversations.remember(input);
  afterCommit.push(() => remembered.remember(key, fingerprint, now));
}
