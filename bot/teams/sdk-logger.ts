// The Teams SDK logs through its own ILogger, whose default writes to stdout — which belongs to the
// console chat. This bridge sends its lines to pino instead, at one level lower than the SDK picks for
// info (the SDK narrates every activity at info), with the SDK's extra arguments as a structured field —
// summarised: an activity the SDK logs whole holds what the person typed and their name, and ids are enough.
import type { ILogger, ILoggerOptions, LogLevel } from '@microsoft/teams.common';
import type { Logger } from '../logger.js';

export function toSdkLogger(logger: Logger, name = 'teams-sdk'): ILogger {
  const child = logger.child({ sdk: name });
  const write = (level: LogLevel, msg: unknown[]) => {
    const [first, ...rest] = msg;
    const text = typeof first === 'string' ? first : '';
    const extra = typeof first === 'string' ? rest : msg;
    const err = extra.find((x): x is Error => x instanceof Error);
    const fields = err ? { err } : extra.length ? { detail: extra.map(summary) } : {};
    switch (level) {
      case 'error':
        return child.error(fields, text);
      case 'warn':
        return child.warn(fields, text);
      case 'info':
        return child.debug(fields, text);
      default:
        return child.trace(fields, text);
    }
  };
  const sdkLogger: ILogger = {
    loggerOptions: { level: 'warn' } satisfies ILoggerOptions,
    debug: (...msg) => write('debug', msg),
    info: (...msg) => write('info', msg),
    warn: (...msg) => write('warn', msg),
    error: (...msg) => write('error', msg),
    trace: (...msg) => write('trace', msg),
    log: (level, ...msg) => write(level, msg),
    child: (childName) => toSdkLogger(logger, `${name}/${childName}`),
  };
  return sdkLogger;
}

/** What an SDK argument may show in a log line: numbers and flags, an object's type and id; no text. */
function summary(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return value;
  if (typeof value !== 'object') return `[${typeof value}]`;
  const { type, id, name } = value as { type?: unknown; id?: unknown; name?: unknown };
  const shown: Record<string, unknown> = {};
  if (typeof type === 'string') shown.type = type;
  if (typeof id === 'string') shown.id = id;
  // An activity's `name` is an invoke's name (`adaptiveCard/action`), never a person's: that is `from.name`.
  if (typeof name === 'string' && typeof type === 'string' && type === 'invoke') shown.name = name;
  return Object.keys(shown).length ? shown : '[object]';
}
