// The one place that reads the environment (docs/architecture.md "External contract"). Everything else gets a typed
// Config. A wrong or partial configuration fails at boot with a message naming the variable.
import { z } from 'zod';
import { parseCategoryYears, retentionPolicy, type RetentionPolicy } from '../handlers/core/privacy-settings.js';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/** Every environment variable LOKET reads. `.env.example` must list exactly these (a test checks it). */
export const envSchema = z.object({
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  LOKET_DATA_DIR: optionalText,
  PORT: optionalText.pipe(z.string().regex(/^\d+$/, 'must be a port number').transform(Number).pipe(z.number().int().min(1).max(65535)).optional()),
  LOKET_PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'must start with xoxb-').optional()),
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'must start with xapp-').optional()),
  SLACK_API_URL: optionalText.pipe(z.url().optional()),
  TEAMS_CLIENT_ID: optionalText,
  TEAMS_CLIENT_SECRET: optionalText,
  TEAMS_TENANT_ID: optionalText,
  TEAMS_ALLOW_UNAUTHENTICATED: booleanFlag,
  TEAMS_SERVICE_URL: optionalText.pipe(z.url().optional()),
  LOKET_SECRET_KEY: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  // Key rotation (README "Rotating LOKET_SECRET_KEY"): keys still accepted for opening and verifying.
  LOKET_SECRET_KEY_PREVIOUS: optionalText.pipe(
    z
      .string()
      .transform((v) => v.split(',').map((k) => k.trim()).filter(Boolean))
      .pipe(z.array(z.string().min(32, 'each key must be at least 32 characters')))
      .optional(),
  ),
  // Upgrades (docs/operations.md): `skip` leaves migrations to `npm run db:migrate` run by an owner role.
  LOKET_MIGRATE: optionalText.pipe(z.enum(['boot', 'skip'], 'must be boot (default) or skip').optional()),
  LOKET_ADMINS: optionalText,
  LOKET_TIMEZONE: optionalText.pipe(
    z
      .string()
      .refine((tz) => isTimeZone(tz), 'must be an IANA time zone such as Europe/Stockholm')
      .optional(),
  ),
  LOKET_LANGUAGE: optionalText.pipe(z.enum(['sv', 'en']).optional()),
  LOKET_PROGRAMME_START: optionalText.pipe(z.iso.date('must be a date like 2026-01-15').optional()),
  // Privacy (issue 10): the retention policy (README "Data and privacy").
  LOKET_PROGRAMME_END: optionalText.pipe(z.iso.date('must be a date like 2028-12-31').optional()),
  LOKET_RETENTION_YEARS_AFTER_END: optionalText.pipe(z.string().regex(/^\d{1,3}$/, 'must be a whole number of years, e.g. 5').transform(Number).optional()),
  LOKET_RETENTION_CATEGORY_YEARS: optionalText,
  LOG_LEVEL: optionalText.pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional()),
  // GET /metrics (README "Metrics"): the Bearer token it requires, and the `instance` label.
  LOKET_METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  LOKET_INSTANCE: optionalText,
});

export type Env = z.infer<typeof envSchema>;

export interface AdminRef {
  platform: 'slack' | 'teams';
  userId: string;
}

export type SlackConfig =
  | { mode: 'single'; signingSecret: string; botToken: string; apiUrl?: string }
  | { mode: 'oauth'; signingSecret: string; clientId: string; clientSecret: string; stateSecret: string; apiUrl?: string }
  | { mode: 'socket'; appToken: string; botToken: string; signingSecret?: string; apiUrl?: string };

export interface TeamsConfig {
  clientId?: string;
  clientSecret?: string;
  tenantId?: string;
  allowUnauthenticated: boolean;
  serviceUrl?: string;
}

export interface Config {
  databaseUrl?: string;
  dataDir: string;
  port: number;
  publicUrl: string;
  slack?: SlackConfig;
  teams?: TeamsConfig;
  secretKey?: string;
  /** LOKET_SECRET_KEY_PREVIOUS: keys a rotation replaced, still accepted for opening and verifying. */
  previousSecretKeys: string[];
  /** Whether this process applies migrations at start-up, or only checks that they were applied. */
  migrateAtBoot: boolean;
  admins: AdminRef[];
  timezone: string;
  language: 'sv' | 'en';
  programmeStart?: string;
  /** Privacy (issue 10): how long personal data stays readable after the programme ends. */
  retention?: RetentionPolicy;
  logLevel: string;
  /** GET /metrics is served only with `Authorization: Bearer <metricsToken>` when set. */
  metricsToken?: string;
  /** The metrics' `instance` label (LOKET_INSTANCE); hostname:pid when absent. */
  instance?: string;
  /** Console when nothing else is configured, or when forced with `--console`. */
  mode: 'console' | 'server';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined>, argv: string[] = []): Config {
  const parsed = envSchema.safeParse(pickKnown(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const slack = slackConfig(e, problems);
  const teams = teamsConfig(e, problems);
  const admins = parseAdmins(e.LOKET_ADMINS, problems);
  const categoryYears = parseCategoryYears(e.LOKET_RETENTION_CATEGORY_YEARS ?? '');
  for (const problem of categoryYears.problems) problems.push(`LOKET_RETENTION_CATEGORY_YEARS: ${problem}`);
  const forceConsole = argv.includes('--console');
  const mode = forceConsole || (!slack && !teams) ? 'console' : 'server';
  if (mode === 'server' && !e.LOKET_SECRET_KEY) {
    problems.push('LOKET_SECRET_KEY: required when Slack or Teams is configured (32+ characters; it encrypts stored tokens and signs links)');
  }
  if (e.LOKET_SECRET_KEY_PREVIOUS?.length && !e.LOKET_SECRET_KEY) {
    problems.push('LOKET_SECRET_KEY_PREVIOUS: needs LOKET_SECRET_KEY, the key that seals and signs everything new');
  }
  if (problems.length) throw new ConfigError(problems);
  const port = e.PORT ?? 3000;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.LOKET_DATA_DIR ?? './.loket/data',
    port,
    publicUrl: (e.LOKET_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    slack,
    teams,
    secretKey: e.LOKET_SECRET_KEY,
    previousSecretKeys: e.LOKET_SECRET_KEY_PREVIOUS ?? [],
    migrateAtBoot: e.LOKET_MIGRATE !== 'skip',
    admins,
    timezone: e.LOKET_TIMEZONE ?? 'Europe/Stockholm',
    language: e.LOKET_LANGUAGE ?? 'sv',
    programmeStart: e.LOKET_PROGRAMME_START,
    retention: retentionPolicy({ programmeEnd: e.LOKET_PROGRAMME_END, yearsAfterEnd: e.LOKET_RETENTION_YEARS_AFTER_END, categoryYears: categoryYears.years }),
    logLevel: e.LOG_LEVEL ?? 'info',
    metricsToken: e.LOKET_METRICS_TOKEN,
    instance: e.LOKET_INSTANCE,
    mode,
  };
}

function pickKnown(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, env[k]]));
}

function slackConfig(e: Env, problems: string[]): SlackConfig | undefined {
  const oauthKeys = { SLACK_CLIENT_ID: e.SLACK_CLIENT_ID, SLACK_CLIENT_SECRET: e.SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: e.SLACK_STATE_SECRET };
  const anyOauth = Object.values(oauthKeys).some(Boolean);
  const any = anyOauth || e.SLACK_SIGNING_SECRET || e.SLACK_BOT_TOKEN || e.SLACK_APP_TOKEN;
  if (!any) return undefined;
  const base = { apiUrl: e.SLACK_API_URL };
  if (e.SLACK_APP_TOKEN) {
    if (!e.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN: required with SLACK_APP_TOKEN (Socket Mode)');
    return { mode: 'socket', appToken: e.SLACK_APP_TOKEN, botToken: e.SLACK_BOT_TOKEN ?? '', signingSecret: e.SLACK_SIGNING_SECRET, ...base };
  }
  if (!e.SLACK_SIGNING_SECRET) problems.push('SLACK_SIGNING_SECRET: required for Slack (Basic Information → Signing Secret)');
  if (anyOauth) {
    for (const [key, value] of Object.entries(oauthKeys)) if (!value) problems.push(`${key}: required for Slack OAuth install (set all of SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET)`);
    return { mode: 'oauth', signingSecret: e.SLACK_SIGNING_SECRET ?? '', clientId: e.SLACK_CLIENT_ID ?? '', clientSecret: e.SLACK_CLIENT_SECRET ?? '', stateSecret: e.SLACK_STATE_SECRET ?? '', ...base };
  }
  if (!e.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN: required with SLACK_SIGNING_SECRET (xoxb-…), or set SLACK_CLIENT_ID/SECRET/STATE_SECRET for OAuth');
  return { mode: 'single', signingSecret: e.SLACK_SIGNING_SECRET ?? '', botToken: e.SLACK_BOT_TOKEN ?? '', ...base };
}

function teamsConfig(e: Env, problems: string[]): TeamsConfig | undefined {
  const credentials = { TEAMS_CLIENT_ID: e.TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET: e.TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID: e.TEAMS_TENANT_ID };
  const anyCredential = Object.values(credentials).some(Boolean);
  if (!anyCredential && !e.TEAMS_ALLOW_UNAUTHENTICATED) return undefined;
  if (anyCredential) {
    for (const [key, value] of Object.entries(credentials)) if (!value) problems.push(`${key}: required for Teams (set all of TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET, TEAMS_TENANT_ID)`);
  }
  return {
    clientId: e.TEAMS_CLIENT_ID,
    clientSecret: e.TEAMS_CLIENT_SECRET,
    tenantId: e.TEAMS_TENANT_ID,
    allowUnauthenticated: e.TEAMS_ALLOW_UNAUTHENTICATED,
    serviceUrl: e.TEAMS_SERVICE_URL,
  };
}

function parseAdmins(value: string | undefined, problems: string[]): AdminRef[] {
  if (!value) return [];
  const admins: AdminRef[] = [];
  for (const entry of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const colon = entry.indexOf(':');
    const platform = entry.slice(0, colon);
    const userId = entry.slice(colon + 1);
    if (colon < 0 || (platform !== 'slack' && platform !== 'teams') || !userId) {
      problems.push(`LOKET_ADMINS: "${entry}" should look like slack:U012AB3CD or teams:29:1abc…`);
      continue;
    }
    admins.push({ platform, userId });
  }
  return admins;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
