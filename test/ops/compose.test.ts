// compose.yaml (LOKET + Postgres) is valid Compose: it parses as YAML and validates against the Compose
// Specification's JSON schema (test/fixtures/compose/SOURCES.md), since `docker compose config` is not
// available where CI runs. The checks after the schema are what docs/operations.md promises about it.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import draft7 from 'ajv/dist/refs/json-schema-draft-07.json' with { type: 'json' };
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../../bot/config.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const schema = JSON.parse(read('test/fixtures/compose/compose-spec.json')) as object;

function validate(document: unknown) {
  // strict: false — the schema uses annotations (`deprecated`) that draft-07 validators treat as unknown.
  const ajv = new Ajv({ strict: false, allErrors: true });
  // The schema names draft-07 by its https address; Ajv knows draft-07 under the http one.
  ajv.addMetaSchema({ ...draft7, $id: 'https://json-schema.org/draft-07/schema' });
  const check = ajv.compile(schema);
  return { ok: check(document), errors: check.errors ?? [] };
}

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
}

describe('compose.yaml', () => {
  const document = parse(read('compose.yaml')) as { services: Record<string, Service>; volumes: Record<string, unknown> };

  it('validates against the Compose Specification schema', () => {
    const { ok, errors } = validate(document);
    expect(errors).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator refuses what Compose refuses (an unknown service key, a healthcheck without a command list)', () => {
    expect(validate({ services: { loket: { image: 'loket', restartt: 'always' } } }).ok).toBe(false);
    expect(validate({ services: { loket: { image: 'loket', healthcheck: { test: 42 } } } }).ok).toBe(false);
  });

  it('runs LOKET and Postgres with health checks and a volume; migrations run once before LOKET, which skips them', () => {
    const { postgres, migrate, loket } = document.services;
    expect(postgres?.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(postgres?.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(Object.keys(document.volumes)).toEqual(['postgres-data']);
    expect(migrate?.command).toEqual(['node', 'dist/scripts/db-migrate.js']);
    expect(loket?.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, migrate: { condition: 'service_completed_successfully' } });
    expect(loket?.environment?.LOKET_MIGRATE).toBe('skip');
    expect(loket?.healthcheck?.test.join(' ')).toContain('/ready');
  });

  it('passes LOKET only variables its configuration reads', () => {
    const known = new Set(Object.keys(envSchema.shape));
    for (const name of Object.keys(document.services.loket?.environment ?? {})) expect(known.has(name), name).toBe(true);
  });
});
