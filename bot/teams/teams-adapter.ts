// Teams on the shared Express app: the SDK validates Bot Framework tokens and routes activities; this file
// turns each message (typed, button or form) into one core call and renders the outcome back.
import type { Application, NextFunction, Request, Response } from 'express';
import { App, ExpressAdapter, type IActivityContext } from '@microsoft/teams.apps';
import { Client as ApiClient, PUBLIC, type Activity, type CloudEnvironment, type IMessageActivity } from '@microsoft/teams.api';
import type { Outcome, ProcessIncoming } from '../../handlers/core/incoming.js';
import { t } from '../../handlers/i18n/index.js';
import type { Reply } from '../../handlers/core/reply.js';
import type { TeamsConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { withMention, type TeamsMessage } from './adaptive-card.js';
import { connectorFailure, deliverAll } from './deliver.js';
import { renderTeamsMessages, type TeamsPlace } from './render-card.js';
import { toSdkLogger } from './sdk-logger.js';
import { createLifecycleHandler, type TeamsLifecycleActivity, type TeamsLifecycleDeps } from './teams-lifecycle.js';
import { commandTextOf, languageOf, tenantOf, toIncoming, userOf, type TeamsMessageActivity } from './to-incoming.js';
import { requireJsonActivity } from './require-json.js';
import { registerSaveAction } from './save-action.js';

export const TEAMS_MESSAGES_PATH = '/api/messages';
const DEFAULT_SERVICE_URL = 'https://smba.trafficmanager.net/teams';


export interface RegisterTeamsOptions {
  expressApp: Application;
  config: TeamsConfig;
  core: ProcessIncoming;
  logger: Logger;
  /** Sovereign clouds, or a local token issuer in tests; the public cloud by default. */
  cloud?: CloudEnvironment;
  /** Install and uninstall handling (welcome card, forgetting removed conversations); off when absent. */
  lifecycle?: TeamsLifecycleDeps;
  /** Told the seconds from each message received to its answer delivered (GET /metrics). */
  answered?: (seconds: number) => void;
}

export interface TeamsAdapter {
  /** Refuses new activities (503) and waits for those in progress. The shared HTTP server is not ours to close. */
  stop(): Promise<void>;
  /** Proactive message to a stored conversation reference (reminders, digests); `mention` turns the
   *  `<at>name</at>` markup in the reply into a real mention of that person. */
  send(conversationReference: Record<string, unknown>, reply: Reply, mention?: { id: string; name: string }): Promise<void>;
}

export async function registerTeams(options: RegisterTeamsOptions): Promise<TeamsAdapter> {
  const { expressApp, config, core } = options;
  const log = options.logger.child({ platform: 'teams' });
  const authenticated = Boolean(config.clientId);
  warnAboutAuthentication(config, log);

  let stopped = false;
  const inFlight = new Set<Promise<void>>();
  expressApp.use(TEAMS_MESSAGES_PATH, (_req: Request, res: Response, next: NextFunction) => {
    if (stopped) res.status(503).json({ error: 'shutting down' });
    else next();
  });
  expressApp.use(TEAMS_MESSAGES_PATH, requireJsonActivity);

  const sdkLogger = toSdkLogger(log);
  const app = new App({
    // Empty strings rather than undefined: the SDK otherwise falls back to CLIENT_ID, CLIENT_SECRET,
    // TENANT_ID and SERVICE_URL from the environment, which are not LOKET's configuration.
    clientId: config.clientId ?? '',
    clientSecret: config.clientSecret ?? '',
    tenantId: config.tenantId ?? '',
    serviceUrl: config.serviceUrl ?? DEFAULT_SERVICE_URL,
    cloud: options.cloud ?? PUBLIC,
    // Credentials always win: a deployment with an app id validates tokens even if the flag is also set.
    dangerouslyAllowUnauthenticatedRequests: !authenticated && config.allowUnauthenticated,
    // Given the Express app (not a server), the adapter only registers routes; main.ts listens once for all.
    httpServerAdapter: new ExpressAdapter(expressApp, { logger: sdkLogger }),
    messagingEndpoint: TEAMS_MESSAGES_PATH,
    logger: sdkLogger,
  });

  const track = async (task: Promise<void>) => {
    inFlight.add(task);
    try {
      await task;
    } finally {
      inFlight.delete(task);
    }
  };
  const handle = createMessageHandler({ core, log, fallbackTenantId: config.tenantId ?? 'unknown', ...(options.answered ? { answered: options.answered } : {}) });
  app.on('message', (ctx) => track(handle(ctx)));
  // «Spara i LOKET» on a message: the message extension's task module (save-action.ts).
  registerSaveAction(app, { core, log, fallbackTenantId: config.tenantId ?? 'unknown', track });
  if (options.lifecycle) registerLifecycle(app, createLifecycleHandler({ ...options.lifecycle, log, fallbackTenantId: config.tenantId ?? 'unknown' }), track, log);
  // initialize(), never start(): start() would make the SDK listen on a port of its own.
  await app.initialize();

  return {
    async stop() {
      stopped = true;
      await Promise.allSettled([...inFlight]);
    },
    async send(reference, reply, mention) {
      const ref = reference as { serviceUrl?: string; bot?: { id: string }; conversation?: { id?: string; conversationType?: string } };
      const conversationId = ref.conversation?.id;
      if (!conversationId) throw new Error('teams.reference_invalid: conversation reference has no conversation id');
      const serviceUrl = (config.serviceUrl ?? ref.serviceUrl ?? DEFAULT_SERVICE_URL).replace(/\/+$/, '');
      // app.api.http carries the bot token (none without credentials), as the SDK's own proactive send does;
      // app.send() itself cannot be used: it refuses to run without an app id and ignores the stored serviceUrl.
      const api = new ApiClient(serviceUrl, app.api.http);
      const messages = renderTeamsMessages(reply, placeOf(ref.conversation));
      await deliverAll(
        mention ? withMention(messages, mention) : messages,
        (message) => {
          // The wire activity names sender and conversation, as the SDK's own ActivitySender adds them.
          const payload = { ...message, from: ref.bot, conversation: ref.conversation };
          return api.conversations.createActivity(conversationId, payload);
        },
        log,
      );
    },
  };
}

/** A 1:1 chat with the bot, or a channel or group chat where LOKET is @mentioned. */
function placeOf(conversation: { conversationType?: string } | undefined): TeamsPlace {
  return conversation?.conversationType === 'personal' ? 'personal' : 'channel';
}

function createMessageHandler(deps: { core: ProcessIncoming; log: Logger; fallbackTenantId: string; answered?: (seconds: number) => void }) {
  return async function handleMessage(ctx: IActivityContext<IMessageActivity>): Promise<void> {
    // Teams is answered before the activity is acknowledged, so the answer time runs from its arrival.
    const received = performance.now();
    const activity = ctx.activity as unknown as TeamsMessageActivity;
    if (!activity.from?.id || !activity.conversation?.id) {
      deps.log.warn({ activityId: activity.id }, 'teams message without sender or conversation ignored');
      return;
    }
    const command = commandTextOf(activity);
    if (!command) return;
    const context = {
      tenant: tenantOf(activity),
      user: userOf(activity),
      handler: `teams.${command.source}`,
      activityId: activity.id,
    };
    const send = (message: TeamsMessage) => ctx.send(message);
    let messages: TeamsMessage[];
    try {
      const reference = ctx.ref as unknown as Record<string, unknown>;
      const incoming = toIncoming({ activity, text: command.text, reference, fallbackTenantId: deps.fallbackTenantId });
      const outcome: Outcome = await deps.core(command.source === 'form' ? { ...incoming, fromForm: true } : incoming);
      if (outcome.kind === 'duplicate') {
        deps.log.info(context, 'teams activity already processed; not replying again');
        return;
      }
      // Teams has no generally available per-user (ephemeral) message in a channel (the SDK's "targeted"
      // messages are a preview), so a `private` reply is posted in the conversation where it was asked.
      messages = renderTeamsMessages(outcome.reply, placeOf(activity.conversation), outcome.language);
    } catch (error) {
      deps.log.error({ ...context, err: error }, 'teams message failed');
      messages = [{ type: 'message', text: t(languageOf(activity), 'error.generic'), textFormat: 'markdown' }];
    }
    try {
      await deliverAll(messages, send, deps.log);
      deps.answered?.((performance.now() - received) / 1000);
    } catch (error) {
      // The command itself may have been committed: nothing to undo, and nothing more to tell the user.
      deps.log.error({ ...context, status: connectorFailure(error).status, err: error }, 'teams reply could not be delivered');
    }
  };
}

function registerLifecycle(app: App, handle: ReturnType<typeof createLifecycleHandler>, track: (task: Promise<void>) => Promise<void>, log: Logger): void {
  const run = (ctx: IActivityContext<Activity>) =>
    track(
      handle({
        activity: ctx.activity as unknown as TeamsLifecycleActivity,
        reference: ctx.ref as unknown as Record<string, unknown>,
        send: (outcome) => deliverAll(renderTeamsMessages(outcome.reply, placeOf(ctx.activity.conversation as { conversationType?: string }), outcome.language), (message) => ctx.send(message), log),
      }).catch((error: unknown) => {
        // Teams does not usefully retry these activities; the log is where an operator sees the failure.
        log.error({ err: error, activityId: ctx.activity.id, type: ctx.activity.type }, 'teams install/uninstall activity failed');
      }),
    );
  app.on('installationUpdate', (ctx) => run(ctx as unknown as IActivityContext<Activity>));
  app.on('conversationUpdate', (ctx) => run(ctx as unknown as IActivityContext<Activity>));
}

function warnAboutAuthentication(config: TeamsConfig, log: Logger): void {
  if (config.clientId && config.allowUnauthenticated) {
    log.warn('TEAMS_ALLOW_UNAUTHENTICATED is ignored because TEAMS_CLIENT_ID is set: Bot Framework tokens are validated');
  } else if (!config.clientId && config.allowUnauthenticated) {
    log.warn(
      `!!! TEAMS_ALLOW_UNAUTHENTICATED=true: ${TEAMS_MESSAGES_PATH} accepts requests WITHOUT any authentication and ` +
        'replies to whatever serviceUrl they name. For local emulators and tests only — never expose this server. !!!',
    );
  } else if (!config.clientId) {
    log.error(`Teams has no credentials: every request to ${TEAMS_MESSAGES_PATH} is refused (401). Set TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID`);
  }
}
