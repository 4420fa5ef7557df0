import pino, { type Logger } from 'pino';

export type { Logger };

// Anything that can carry a credential is redacted wherever it appears in a log line.
const redactPaths = [
  'token', '*.token', '*.*.token', 'botToken', '*.botToken', 'secret', '*.secret', 'signingSecret', '*.signingSecret',
  'clientSecret', '*.clientSecret', 'authorization', '*.authorization', '*.headers.authorization',
  'req.headers.authorization', 'req.headers["x-slack-signature"]', 'password', '*.password',
];

/** Logs go to stderr (stdout belongs to the console chat): JSON, or pretty when stderr is a terminal. */
export function createLogger(level: string): Logger {
  const options = { level, redact: { paths: redactPaths, censor: '[redacted]' }, base: { service: 'loket' } };
  if (process.stderr.isTTY) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } } });
  }
  return pino(options, pino.destination(2));
}
