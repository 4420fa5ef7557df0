import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

// Anything that can carry a credential is redacted wherever it appears in a log line: LOKET's own config
// names, Slack's OAuth wire names (client_secret, code, access/refresh tokens) and HTTP auth headers.
// pino's wildcards match one level, so the usual depths are listed.
export const redactPaths = [
  'token', '*.token', '*.*.token', 'botToken', '*.botToken', 'appToken', '*.appToken', 'userToken', '*.userToken',
  'secret', '*.secret', 'signingSecret', '*.signingSecret', 'clientSecret', '*.clientSecret', 'stateSecret', '*.stateSecret',
  'secretKey', '*.secretKey', 'client_secret', '*.client_secret', 'access_token', '*.access_token', '*.*.access_token',
  'refresh_token', '*.refresh_token', 'bot_refresh_token', '*.bot_refresh_token',
  'authorization', '*.authorization', '*.headers.authorization', 'req.headers.authorization', 'req.headers.cookie', '*.headers.cookie',
  'req.headers["x-slack-signature"]', '*.headers["x-slack-signature"]', 'password', '*.password',
];

/** Logs go to stderr (stdout belongs to the console chat): JSON, or pretty when stderr is a terminal. A
 *  destination may be given (tests read the lines from memory). Errors go through `serializeError`. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: redactPaths, censor: '[redacted]' }, base: { service: 'loket' }, serializers: { err: serializeError } };
  if (destination) return pino(options, destination);
  if (process.stderr.isTTY) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } } });
  }
  return pino(options, pino.destination(2));
}

// Errors are logged by what finds the fault, never by the values in it: a Drizzle query error carries the
// query's parameters (names, notes, anything a person typed) in its `message` and `params`, Postgres puts
// the row's values in `detail` and some messages, an HTTP client error carries the request it sent. So an
// error is rebuilt from an allow-list: its type, its message without values, the SQL text with its literals
// blanked, the Postgres code and constraint, HTTP status, and the stack frames; its causes the same way.
const ERROR_FIELDS = ['code', 'status', 'statusCode', 'severity', 'constraint', 'table', 'column', 'schema', 'dataType', 'routine', 'errno', 'syscall'] as const;
const IDENTIFIER_FIELDS = ['constraint', 'table', 'column', 'schema', 'dataType'] as const;
const MAX_MESSAGE = 2000;
const MAX_DEPTH = 4;

/** pino's `err` serializer: a plain object with no value that came from a person. */
export function serializeError(value: unknown): Record<string, unknown> {
  return serialize(value, 0);
}

function serialize(value: unknown, depth: number): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return { type: typeof value, message: blankQuoted(String(value), []) };
  const error = value as Record<string, unknown> & { name?: unknown; type?: unknown; message?: unknown; stack?: unknown; cause?: unknown; errors?: unknown; query?: unknown; data?: unknown };
  // An error already reduced to fields (bot/slack/bolt-logger.ts) keeps the type it names.
  const named = typeof error.name === 'string' && error.name !== 'Error' ? error.name : typeof error.type === 'string' ? error.type : undefined;
  const type = named ?? (error.constructor?.name && error.constructor.name !== 'Object' ? error.constructor.name : 'Error');
  const out: Record<string, unknown> = { type };
  for (const field of ERROR_FIELDS) {
    // postgres.js names the identifiers `table_name`, `column_name` …; PGlite and node-postgres without the suffix.
    const v = error[field] ?? error[`${field}_name`];
    if (typeof v === 'string' || typeof v === 'number') out[field] = v;
  }
  const identifiers = IDENTIFIER_FIELDS.map((f) => out[f]).filter((v): v is string => typeof v === 'string');
  const message = safeMessage(typeof error.message === 'string' ? error.message : '', identifiers);
  out.message = message;
  if (typeof error.query === 'string') out.query = blankLiterals(error.query).slice(0, MAX_MESSAGE);
  // A Slack Web API error names what Slack refused (`channel_not_found`); the rest of its data is dropped.
  const apiError = (error.data as { error?: unknown } | undefined)?.error;
  if (typeof apiError === 'string' && /^[a-z_]+$/.test(apiError)) out.apiError = apiError;
  if (typeof error.stack === 'string') {
    const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line));
    out.stack = [`${type}: ${message}`, ...frames].join('\n');
  }
  if (depth < MAX_DEPTH && error.cause !== undefined) out.cause = serialize(error.cause, depth + 1);
  if (depth < MAX_DEPTH && Array.isArray(error.errors)) out.errors = error.errors.slice(0, 5).map((e) => serialize(e, depth + 1));
  return out;
}

/** Drizzle's "Failed query: <sql>\nparams: <values>" keeps the SQL (literals blanked) and drops the values;
 *  any other message keeps its words but not what it quotes, unless that is the constraint or table named. */
function safeMessage(message: string, identifiers: string[]): string {
  const cut = message.split(/\r?\nparams:/)[0]!;
  const text = cut.startsWith('Failed query: ') ? blankLiterals(cut) : blankQuoted(cut, identifiers);
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

/** SQL text with its single-quoted literals blanked (a search term can be inlined as a tsquery literal). */
function blankLiterals(query: string): string {
  return query.replace(/'(?:[^']|'')*'/g, "'…'");
}

/** A message with what it double-quotes blanked ("…"), but for the error's own identifiers: Postgres and
 *  JSON.parse quote the offending value so (`invalid input syntax for type uuid: "Anna"`); single quotes
 *  stay, as in `reading 'number'`, where they name code. */
function blankQuoted(message: string, identifiers: string[]): string {
  return message.replace(/"([^"]*)"|«([^»]*)»|”([^”]*)”/g, (whole, ...groups: (string | undefined)[]) => {
    const inner = groups.slice(0, 3).find((g) => g !== undefined) ?? '';
    return identifiers.includes(inner) ? whole : `${whole[0]}…${whole.at(-1)}`;
  });
}
