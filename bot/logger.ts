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
 *  destination may be given (tests read the lines from memory). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: redactPaths, censor: '[redacted]' }, base: { service: 'loket' } };
  if (destination) return pino(options, destination);
  if (process.stderr.isTTY) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } } });
  }
  return pino(options, pino.destination(2));
}
