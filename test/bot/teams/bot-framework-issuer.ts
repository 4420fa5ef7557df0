// A stand-in for login.botframework.com on 127.0.0.1: publishes a signing key (JWKS) and signs RS256
// tokens the way the Bot Framework does, so the SDK's real token validation can be exercised offline.
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PUBLIC, type CloudEnvironment } from '@microsoft/teams.api';

export interface BotFrameworkIssuer {
  /** The public cloud, except that signing keys are fetched from this issuer. */
  cloud: CloudEnvironment;
  /** A token as the Bot Framework sends it to a bot with app id `audience`. */
  sign(claims: { audience: string; serviceUrl: string; issuer?: string; expiresInSeconds?: number }): string;
  close(): Promise<void>;
}

export async function startBotFrameworkIssuer(): Promise<BotFrameworkIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url?.endsWith('/keys') ? { keys: [jwk] } : {}));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return {
    cloud: { ...PUBLIC, openIdMetadataUrl: `${base}/v1/.well-known/openidconfiguration` },
    sign({ audience, serviceUrl, issuer = PUBLIC.tokenIssuer, expiresInSeconds = 3600 }) {
      const now = Math.floor(Date.now() / 1000);
      const header = encode({ alg: 'RS256', typ: 'JWT', kid });
      const payload = encode({ aud: audience, iss: issuer, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + expiresInSeconds });
      const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey).toString('base64url');
      return `${header}.${payload}.${signature}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
