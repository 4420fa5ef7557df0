// Composition root: config → database → migrations → adapters → scheduler → HTTP server.
import type { Server } from 'node:http';
import { availableParallelism, userInfo } from 'node:os';
import type { Logger } from 'pino';
import { openDatabase, type OpenedDatabase } from '../db/client.js';
import { isMigrated, migrate } from '../db/migrate.js';
import { systemClock, type CoreSettings } from '../handlers/core/context.js';
import { createLoketCore } from '../handlers/registry.js';
import { startScheduler } from '../scheduled/scheduler.js';
import { routeNotifiers, type Notifier } from '../handlers/core/notifier.js';
import { defaultRhythm } from '../handlers/weekly/weekly-rhythm.js';
import { createOutboxKicker } from '../handlers/core/outbox-dispatcher.js';
import { createSlackNotifier } from './slack/slack-notifier.js';
import { createTeamsNotifier } from './teams/teams-notifier.js';
import type { TeamsAdapter } from './teams/teams-adapter.js';
import { ensureClaimCode } from '../handlers/programme/claim-code.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { runConsoleChat } from './console/console-chat.js';
import { createHttpApp } from './http-server.js';
import { createDiskFileSink, exportsDirFor } from './files/disk-file-sink.js';
import { registerFileRoute } from './files/files-route.js';
import { createLocalDashboard, createPublicDashboardLinks } from './dashboard/dashboard-links.js';
import { registerDashboardRoute } from './dashboard/dashboard-route.js';
import { createCalendarLinks } from './calendar/calendar-links.js';
import { registerCalendarRoute } from './calendar/calendar-route.js';
import { createSignedLinkSink } from '../handlers/core/signed-links.js';
import { keyFingerprint, keyRing } from '../handlers/core/key-ring.js';
import { createLogger } from './logger.js';
import { createMetrics, defaultInstance, type PoolSources } from './metrics.js';
import { createMetricsRepository } from '../db/metrics.repository.js';
import { retentionPolicy } from '../db/retention-policy.js';
import { registerSlack, type SlackAdapter } from './slack/slack-adapter.js';
import { proactiveSlackToken } from './slack/workspace-tokens.js';
import { createSlackChannelAccess } from './slack/slack-channel-access.js';
import { registerTeams } from './teams/teams-adapter.js';
import { createTeamsLifecycle } from './teams/teams-lifecycle.js';
import { startInbox } from './inbox-runner.js';
import { commandsAtOnceFor } from '../handlers/core/inbox.js';
import { runWeeklyTick } from '../handlers/weekly/weekly-tick.js';
import { serverClock, startTestTicks, type ServerClock } from './server-test-clock.js';
import type { SlackTokenLookup } from './inbox-slack.js';

const DEFAULT_PROGRAMME_NAME = 'LOKET';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const database = await openAndMigrate(config, logger);
  if (config.mode === 'console') return runConsole(config, database, logger);
  await runServer(config, database, logger);
}

function readConfig(): Config {
  try {
    return loadConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`LOKET cannot start. ${error.message}\nSee .env.example and README "Configuration".\n`);
    process.exit(1);
  }
}

async function openAndMigrate(config: Config, logger: Logger): Promise<OpenedDatabase> {
  const where = config.databaseUrl ? redactUrl(config.databaseUrl) : `embedded PGlite in ${config.dataDir}`;
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, timezone: config.timezone });
    if (!config.migrateAtBoot) {
      // LOKET_MIGRATE=skip: an owner role ran `npm run db:migrate`; this role may lack DDL rights.
      if (!(await isMigrated(database.db))) throw new Error('migrations are missing and LOKET_MIGRATE=skip: run `npm run db:migrate` first (docs/operations.md "Upgrading")');
      logger.info({ database: database.kind, applied: 0, migrate: 'skip' }, 'database ready');
      return database;
    }
    const { applied } = await migrate(database.db);
    logger.info({ database: database.kind, applied }, 'database ready');
    return database;
  } catch (error) {
    // One clear line instead of a stack trace: the operator needs to know which database and why.
    process.stderr.write(`LOKET cannot open the database (${where}): ${(error as Error).message}\n`);
    process.exit(1);
  }
}

function settingsFor(config: Config, extraAdmins: CoreSettings['admins'] = []): CoreSettings {
  return { timezone: config.timezone, defaultLanguage: config.language, admins: [...config.admins, ...extraAdmins], defaultProgrammeName: DEFAULT_PROGRAMME_NAME };
}

async function runConsole(config: Config, database: OpenedDatabase, logger: Logger): Promise<void> {
  const name = safeUserName();
  const consoleSettings = settingsFor(config, [{ platform: 'console', userId: name }]);
  // The console writes exports to disk and prints the path (docs/architecture.md "Data rules").
  consoleSettings.files = createDiskFileSink(exportsDirFor(config.dataDir));
  consoleSettings.privacy = { retention: config.retention ?? retentionPolicy({}) };
  // The web view (issue 12): a local server on 127.0.0.1, started by the first `dashboard`, closed at exit.
  const localDashboard = createLocalDashboard({ db: database.db, clock: systemClock, logger, timezone: config.timezone, secretKey: config.secretKey });
  consoleSettings.dashboard = localDashboard;
  const core = createLoketCore({ db: database.db, clock: systemClock, logger, settings: consoleSettings });
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  if (interactive) process.stdout.write('LOKET – skriv `help` (Ctrl+D avslutar)\n');
  await runConsoleChat({ core, input: process.stdin, output: process.stdout, user: { userId: name, displayName: name }, interactive });
  await localDashboard.close();
  await database.close();
}

async function runServer(config: Config, database: OpenedDatabase, logger: Logger): Promise<void> {
  // The system clock, or (NODE_ENV=test only) the test clock a multi-server test sets (bot/server-test-clock.ts).
  const { clock, testStart } = readServerClock();
  if (testStart) logger.warn({ testClock: testStart.toISOString() }, 'test clock in use: this server runs on a made-up time');
  if (database.kind === 'pglite') logger.warn('serving Slack/Teams on the embedded PGlite database: fine for a trial, use DATABASE_URL (Postgres) in production');
  const settings = settingsFor(config);
  // GET /metrics (README "Metrics"): commands, answer times, queues and pool use, labelled with this instance.
  const pools: PoolSources = { main: database.poolUse };
  const metrics = createMetrics({ instance: config.instance ?? defaultInstance(), sources: createMetricsRepository({ db: database.db }), pools, logger });
  if (!config.metricsToken) logger.info('GET /metrics is open to anyone reaching the port: set LOKET_METRICS_TOKEN when it is public');
  settings.commands = metrics.commands;
  // Privacy (issue 10): the retention policy, and the key that hashes a forgotten person's platform id.
  settings.privacy = { retention: config.retention ?? retentionPolicy({}), pseudonymKey: config.secretKey, previousPseudonymKeys: config.previousSecretKeys };
  // Config refuses server mode without LOKET_SECRET_KEY, so links can always be signed here. The ring adds
  // LOKET_SECRET_KEY_PREVIOUS: what older keys sealed or signed still opens (README "Rotating LOKET_SECRET_KEY").
  const keys = config.secretKey ? keyRing(config.secretKey, config.previousSecretKeys) : undefined;
  if (keys) logger.info({ key: keyFingerprint(keys.current), previousKeys: keys.previous.map(keyFingerprint) }, 'secret keys');
  if (keys) settings.files = createSignedLinkSink({ publicUrl: config.publicUrl, secretKey: keys });
  if (keys) settings.dashboard = createPublicDashboardLinks({ publicUrl: config.publicUrl, secretKey: keys });
  // Planned meetings (issue 22): signed invitation links and personal calendar feeds under the public URL.
  if (keys) settings.calendar = createCalendarLinks({ publicUrl: config.publicUrl, secretKey: keys });
  if (config.slack && config.slack.mode !== 'oauth') settings.channels = createSlackChannelAccess({ token: config.slack.botToken, apiUrl: config.slack.apiUrl, logger });
  const core = createLoketCore({ db: database.db, clock, logger, settings });
  // The inbox starts before the Slack adapter exists (the adapter's listeners store into it), so OAuth
  // tokens are looked up through this holder, filled in once the adapter is registered; until then a
  // recovered answer finds no token and is retried on the next pass.
  const slackTokens: { of?: SlackTokenLookup } = {};
  // Postgres: commands are stored through a small pool of their own (inbox-runner.ts says why).
  const { databaseUrl } = config;
  const openAdmissionPool = databaseUrl ? (maxConnections: number) => openDatabase({ databaseUrl, dataDir: config.dataDir, maxConnections, timezone: config.timezone }).then((pool) => {
        pools.admission = pool.poolUse;
        return pool;
      }) : undefined;
  const inboxRunner = await startInbox({ config, db: database.db, ...(openAdmissionPool ? { openAdmissionPool } : {}), core, logger, slackTokens: async (teamId) => slackTokens.of?.(teamId), answeredSince: (receivedAt) => metrics.answeredSince('slack', receivedAt), commandsAtOnce: commandsAtOnceFor(database.poolUse().size, availableParallelism()), ping: database.ping, clock });
  await ensureClaimCode({ db: database.db, clock, logger, programmeName: DEFAULT_PROGRAMME_NAME });
  const app = createHttpApp({ logger, metrics: metrics.handler(config.metricsToken), readiness: { ready: async () => (await database.ping()) && (await isMigrated(database.db)) } });
  if (keys) registerFileRoute(app, { db: database.db, secretKey: keys, clock, logger });
  if (keys) registerDashboardRoute(app, { db: database.db, secretKey: keys, clock, logger, timezone: config.timezone });
  if (keys) registerCalendarRoute(app, { db: database.db, secretKey: keys, clock, logger, timezone: config.timezone });
  // Stored slash commands run through inboxRunner.core: one that fails while the database is away waits for it.
  const slack = config.slack ? await registerSlack({ expressApp: app, config: config.slack, core: inboxRunner.core ?? core, logger, language: config.language, answered: metrics.answered('slack'), ...(inboxRunner.inbox ? { inbox: inboxRunner.inbox } : {}), db: database.db, clock, settings, secretKey: keys }) : undefined;
  // OAuth mode: each workspace's own token, known only once the adapter reads the installations.
  if (slack) slackTokens.of = (teamId) => slack.botToken(teamId);
  if (slack && config.slack?.mode === 'oauth') settings.channels = createSlackChannelAccess({ token: (workspaceId) => slack.botToken(workspaceId), apiUrl: config.slack.apiUrl, logger });
  const teams = config.teams ? await registerTeams({ expressApp: app, config: config.teams, core, logger, answered: metrics.answered('teams'), lifecycle: createTeamsLifecycle({ db: database.db, clock, logger, settings }) }) : undefined;
  const weekly = { notifier: weeklyNotifier(config, teams, logger, slack), rhythm: { ...defaultRhythm, timezone: config.timezone, defaultLanguage: config.language } };
  // Peer exchange (issue 7): messages a command queued (proposals, introductions) go out right after its commit.
  settings.outbox = createOutboxKicker({ db: database.db, clock, logger: logger.child({ job: 'outbox' }), notifier: weekly.notifier });
  const scheduler = startScheduler({ db: database.db, clock, logger, timezone: config.timezone, privacy: settings.privacy, weekly });
  // Under the test clock the week's jobs must not wait for node-cron's next five-minute mark.
  const testTicks = testStart ? startTestTicks(() => runWeeklyTick({ db: database.db, clock, logger: logger.child({ job: 'weekly' }), ...weekly }).catch((err: unknown) => logger.error({ err }, 'weekly tick failed'))) : undefined;
  const server: Server = app.listen(config.port, () => logger.info({ port: config.port, slack: config.slack?.mode ?? 'off', teams: Boolean(config.teams) }, 'LOKET listening'));
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    scheduler.stop();
    testTicks?.stop();
    // Stop taking requests and let the ones in flight finish before the database goes away.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    inboxRunner.release();
    await slack?.stop();
    await teams?.stop();
    await inboxRunner.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

function readServerClock(): ServerClock {
  try {
    return serverClock(process.env);
  } catch (error) {
    process.stderr.write(`LOKET cannot start. ${(error as Error).message}\n`);
    process.exit(1);
  }
}

function safeUserName(): string {
  try {
    return userInfo().username || 'console';
  } catch {
    return 'console';
  }
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

/** Proactive senders for the weekly rhythm. Slack asks the adapter for each workspace's bot token: the
 *  configured one, or (OAuth mode) the workspace's installation, refreshed when it rotates. */
function weeklyNotifier(config: Config, teams: TeamsAdapter | undefined, logger: Logger, slackAdapter?: SlackAdapter): Notifier {
  const slack = config.slack;
  return routeNotifiers({
    ...(slack && slackAdapter ? { slack: createSlackNotifier({ token: proactiveSlackToken(slackAdapter), ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}), logger: logger.child({ notifier: 'slack' }) }) } : {}),
    ...(teams ? { teams: createTeamsNotifier({ send: (reference, reply, mention) => teams.send(reference, reply, mention), logger: logger.child({ notifier: 'teams' }), language: config.language }) } : {}),
  });
}

await main();

