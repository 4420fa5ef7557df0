// The floor for the acknowledgement benchmark: a Bolt app that only acks `/loket`, on the same receiver
// (ExpressReceiver) and Node version as LOKET. Run as its own process by bench/ack.bench.ts:
// PORT=… SLACK_SIGNING_SECRET=… node --import tsx bench/bare-bolt.ts
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';

const receiver = new ExpressReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET ?? '', endpoints: '/slack/events', processBeforeResponse: false });
// authorize instead of token: no auth.test call at start-up or per request, as in LOKET.
const app = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-bare', botId: 'BBARE', botUserId: 'UBARE' }), logLevel: LogLevel.ERROR });
app.command('/loket', async ({ ack }) => {
  await ack();
});
receiver.app.get('/ready', (_req, res) => void res.send('ok'));
const server = receiver.app.listen(Number(process.env.PORT ?? 3100), '127.0.0.1', () => process.stdout.write('ready\n'));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
