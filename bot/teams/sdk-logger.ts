// The Teams SDK logs through its own ILogger, whose default writes to stdout — which belongs to the
// console chat. This bridge sends its lines to pino instead, at one level lower than the SDK picks for
// info (the SDK narrates every activity at info), with the SDK's extra arguments as a structured field.
import type { ILogger, ILoggerOptions, LogLevel } from '@microsoft/teams.common';
import type { Logger } from '../logger.js';

export function toSdkLogger(logger: Logger, name = 'teams-sdk'): ILogger {
  const child = logger.child({ sdk: name });
  const write = (level: LogLevel, msg: unknown[]) => {
    const [first, ...rest] = msg;
    const text = typeof first === 'string' ? first : '';
    const extra = typeof first === 'string' ? rest : msg;
    const err = extra.find((x): x is Error => x instanceof Error);
    const fields = err ? { err } : extra.length ? { detail: extra } : {};
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
