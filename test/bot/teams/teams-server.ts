// Boundary-test harness: a real Express app with registerTeams, listening on 127.0.0.1, driven over HTTP.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { CloudEnvironment } from '@microsoft/teams.api';
import express from 'express';
import pino from 'pino';
import type { TeamsConfig } from '../../../bot/config.js';
import type { Logger } from '../../../bot/logger.js';
import { registerTeams, type TeamsAdapter } from '../../../bot/teams/teams-adapter.js';
import type { ProcessIncoming } from '../../../handlers/core/incoming.js';
import type { AdaptiveCard } from '../../../bot/teams/adaptive-card.js';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { OpenedDatabase } from '../../../db/client.js';
import { startFakeTeamsConnector, type ConnectorCall, type FakeTeamsConnector } from '../../support/fake-teams-connector.js';
import { openTestDatabase } from '../../support/test-database.js';
import type { TeamsLifecycleDeps } from '../../../bot/teams/teams-lifecycle.js';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A pino logger whose lines the test can read (warn = 40, error = 50). */
export function captureLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}

export interface TeamsServer {
  url: string;
  adapter: TeamsAdapter;
  logs: LogLine[];
  post(activity: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function startTeamsServer(options: {
  core: ProcessIncoming;
  config?: Partial<TeamsConfig>;
  cloud?: CloudEnvironment;
  lifecycle?: TeamsLifecycleDeps;
}): Promise<TeamsServer> {
  const expressApp = express();
  expressApp.get('/health', (_req, res) => void res.json({ ok: true }));
  const { logger, lines } = captureLogger();
  const config: TeamsConfig = { allowUnauthenticated: true, ...options.config };
  const adapter = await registerTeams({ expressApp, config, core: options.core, logger, ...(options.cloud ? { cloud: options.cloud } : {}), ...(options.lifecycle ? { lifecycle: options.lifecycle } : {}) });
  const server = expressApp.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    adapter,
    logs: lines,
    post: (activity, headers = {}) =>
      fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) }),
    async close() {
      await adapter.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What the user sees of one connector call: the markdown text, or the text blocks and facts of its card. */
export function visibleText(call: ConnectorCall): string {
  const body = call.body as { text?: string; attachments?: { content: AdaptiveCard }[] };
  if (!body.attachments?.length) return body.text ?? '';
  return body.attachments
    .flatMap((a) =>
      a.content.body.map((e) => {
        if (e.type === 'TextBlock') return e.text as string;
        if (e.type === 'FactSet') return (e.facts as { title: string; value: string }[]).map((f) => `${f.title}: ${f.value}`).join('\n');
        return '';
      }),
    )
    .join('\n');
}

/** What every Teams adapter test file shares: the run's database and one fake Bot Connector per file, and
 *  the servers a test started (pushed to `servers`), closed after each test. Call at the top of the file. */
export function useTeamsTestBed(): { readonly db: OpenedDatabase['db']; readonly connector: FakeTeamsConnector; servers: TeamsServer[] } {
  let opened: OpenedDatabase | undefined;
  let connector: FakeTeamsConnector | undefined;
  const servers: TeamsServer[] = [];
  beforeAll(async () => {
    opened = await openTestDatabase();
    connector = await startFakeTeamsConnector();
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await connector?.close();
    await opened?.close();
  });
  return {
    get db() {
      if (!opened) throw new Error('the Teams test bed is used before its beforeAll ran');
      return opened.db;
    },
    get connector() {
      if (!connector) throw new Error('the Teams test bed is used before its beforeAll ran');
      return connector;
    },
    servers,
  };
}
