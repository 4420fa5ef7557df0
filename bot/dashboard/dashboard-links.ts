import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { SecretKeys } from '../../handlers/core/key-ring.js';
import { signDashboardToken } from '../../handlers/core/signed-links.js';
import type { DashboardLinks } from '../../handlers/core/dashboard-port.js';
import { registerDashboardRoute, type DashboardRouteDeps } from './dashboard-route.js';

/** On a server: links under LOKET_PUBLIC_URL, served by the one HTTP server (registerDashboardRoute). */
export function createPublicDashboardLinks(input: { publicUrl: string; secretKey: SecretKeys }): DashboardLinks {
  return {
    async linkFor(claims) {
      return { url: `${input.publicUrl.replace(/\/$/, '')}/dashboard/${signDashboardToken(claims, input.secretKey)}` };
    },
  };
}

/**
 * In the console: a local HTTP server on 127.0.0.1 (a free port), started on the first `dashboard` and
 * closed when the console exits. The console needs no LOKET_SECRET_KEY, so without one the links are signed
 * with a random key of this process: they die with it, as the server does.
 */
export function createLocalDashboard(deps: Omit<DashboardRouteDeps, 'secretKey'> & { secretKey?: SecretKeys }): DashboardLinks & { close(): Promise<void> } {
  const secretKey: SecretKeys = deps.secretKey ?? randomBytes(32).toString('base64url');
  let started: Promise<{ server: Server; base: string }> | undefined;
  const start = () =>
    new Promise<{ server: Server; base: string }>((resolve, reject) => {
      const app = express();
      app.disable('x-powered-by');
      registerDashboardRoute(app, { ...deps, secretKey });
      const server = app.listen(0, '127.0.0.1');
      server.once('error', reject);
      server.once('listening', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
    });
  return {
    async linkFor(claims) {
      started ??= start();
      const { base } = await started;
      return { url: `${base}/dashboard/${signDashboardToken(claims, secretKey)}`, local: true };
    },
    async close() {
      if (!started) return;
      const { server } = await started;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
