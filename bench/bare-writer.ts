// The floor for the writing path (issue 21): a Bolt app on the same receiver (ExpressReceiver) and Node
// version as LOKET that, for `/loket note <cluster> <text>`, acknowledges, inserts the text as one row with
// postgres.js into its own table and then answers at the command's response_url as LOKET does (JSON, ephemeral).
// No parsing, no actor, no audit, no inbox: what any app that stores a line and says so must do. Run as its own
// process by bench/answer.bench.ts:
// PORT=… SLACK_SIGNING_SECRET=… DATABASE_URL=… node --import tsx bench/bare-writer.ts
import { Agent, request } from 'node:http';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL ?? '', { max: 10, onnotice: () => {} });
await sql`create table if not exists bench_notes (id bigserial primary key, team_id text not null, user_id text not null, text text not null, created_at timestamptz not null default now())`;

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
/** POSTs JSON to a response_url (a loopback http URL in the bench) and resolves when it is accepted. */
function respond(url: string, body: unknown): Promise<void> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const receiver = new ExpressReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET ?? '', endpoints: '/slack/events', processBeforeResponse: false });
const app = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-bare', botId: 'BBARE', botUserId: 'UBARE' }), logLevel: LogLevel.ERROR });
app.command('/loket', async ({ ack, command }) => {
  await ack();
  const [id] = await sql<{ id: string }[]>`insert into bench_notes (team_id, user_id, text) values (${command.team_id}, ${command.user_id}, ${command.text}) returning id`;
  await respond(command.response_url, { text: `Sparad som N${id!.id}.`, response_type: 'ephemeral' });
});
receiver.app.get('/ready', (_req, res) => void res.send('ok'));
const server = receiver.app.listen(Number(process.env.PORT ?? 3100), '127.0.0.1', () => process.stdout.write('ready\n'));
process.once('SIGTERM', () => server.close(() => void sql.end({ timeout: 5 }).then(() => process.exit(0))));
