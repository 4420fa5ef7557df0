// The floor for the writing path (issue 21): a Bolt app on the same receiver (ExpressReceiver) and Node
// version as LOKET that, for `/loket note <cluster> <text>`, acknowledges, inserts the text as one row with
// postgres.js into its own table and then answers at the command's response_url as LOKET does (JSON, ephemeral).
// No parsing, no actor, no audit, no inbox: what any app that stores a line and says so must do. Run as its own
// process by bench/answer.bench.ts:
// PORT=… SLACK_SIGNING_SECRET=… DATABASE_URL=… node --import tsx bench/bare-writer.ts
// With STORE_BEFORE_ACK=1 it stores the row first and acknowledges only once it is committed, as LOKET's inbox
// does (nothing acknowledged is lost): the acknowledgement bench's floor for an app that keeps that promise.
// TABLE names its table (bench_notes by default), so the two variants' rows are counted apart.
import { Agent, request } from 'node:http';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL ?? '', { max: 10, onnotice: () => {} });
const storeBeforeAck = process.env.STORE_BEFORE_ACK === '1';
const table = sql(process.env.TABLE ?? 'bench_notes');
await sql`create table if not exists ${table} (id bigserial primary key, team_id text not null, user_id text not null, text text not null, created_at timestamptz not null default now())`;

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
/** POSTs JSON to a response_url (a loopback http URL in the bench) and resolves when it is accepted; tried
 *  up to three times. On a loaded machine a request on a kept-alive socket the fake had just closed failed, so
 *  the bare writer lost an answer (41 of 1 370 in one run) and a throughput run waited for it until its
 *  timeout, which made the ratio meaningless; LOKET, answering through fetch, lost none. */
async function respond(url: string, body: unknown): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await respondOnce(url, body);
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
}

function respondOnce(url: string, body: unknown): Promise<void> {
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
  if (!storeBeforeAck) await ack();
  const [id] = await sql<{ id: string }[]>`insert into ${table} (team_id, user_id, text) values (${command.team_id}, ${command.user_id}, ${command.text}) returning id`;
  if (storeBeforeAck) await ack();
  await respond(command.response_url, { text: `Sparad som N${id!.id}.`, response_type: 'ephemeral' });
});
receiver.app.get('/ready', (_req, res) => void res.send('ok'));
const server = receiver.app.listen(Number(process.env.PORT ?? 3100), '127.0.0.1', () => process.stdout.write('ready\n'));
process.once('SIGTERM', () => server.close(() => void sql.end({ timeout: 5 }).then(() => process.exit(0))));
