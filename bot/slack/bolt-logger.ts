// Bolt and the Slack Web API log through this, so their lines are pino JSON on stderr like everything else.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../logger.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

// Bolt and the Web API log strings, which pino's path redaction cannot see into: Slack tokens (also the
// rotating `xoxe.` ones), OAuth codes and client secrets are scrubbed from the text itself, and the JSON
// payloads the Web API logs at debug level (messages, names) are left out.
const SLACK_TOKEN = /\bxox(?:e\.xox)?[abposre]-[A-Za-z0-9-]+/g;
const SECRET_FIELD = /("?(?:client_secret|code|refresh_token|access_token|token)"?\s*[:=]\s*"?)[^"&,\s}]+/g;

/** `secrets`: configured values (signing secret, client secret …) to blank wherever they appear. */
export function toBoltLogger(logger: Logger, secrets: string[] = []): BoltLogger {
  const child = logger.child({ platform: 'slack', component: 'bolt' });
  const scrub = (text: string) => scrubSecrets(text, secrets);
  const write = (level: Level) => (...msg: unknown[]) => {
    const err = msg.find((m): m is Error => m instanceof Error);
    const text = scrub(withoutPayload(msg.filter((m) => !(m instanceof Error)).map(describe).join(' ')));
    // The error is rebuilt from its text parts: a Web API error's `data` may echo a token back.
    const code = (err as { code?: unknown } | undefined)?.code;
    if (err) child[level]({ err: { type: err.name, message: scrub(err.message), code, stack: err.stack ? scrub(err.stack) : undefined } }, text || scrub(err.message));
    else child[level](text);
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    // LOG_LEVEL governs pino; Bolt's own level requests are ignored.
    setLevel: () => undefined,
    getLevel: () => toBoltLevel(child.level),
    setName: () => undefined,
  };
}

/** The Web API's debug lines carry whole requests and results (`http request body: {…}`): the messages
 *  LOKET posts, people's names from users.info. The line keeps what happened, not the payload. */
export function withoutPayload(text: string): string {
  const start = text.search(/[{[]/);
  return start < 0 ? text : `${text.slice(0, start)}[payload]`;
}

export function scrubSecrets(text: string, secrets: string[] = []): string {
  let out = text.replace(SLACK_TOKEN, '[redacted]').replace(SECRET_FIELD, '$1[redacted]');
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('[redacted]');
  return out;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function toBoltLevel(level: string): LogLevel {
  if (level === 'debug' || level === 'trace') return LogLevel.DEBUG;
  if (level === 'info') return LogLevel.INFO;
  if (level === 'warn') return LogLevel.WARN;
  return LogLevel.ERROR;
}
