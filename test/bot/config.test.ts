import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, envSchema, loadConfig } from '../../bot/config.js';

const secret = 'x'.repeat(32);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('.env.example lists exactly the variables the schema reads', () => {
    const listed = readFileSync('.env.example', 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
      .map((line) => line.split('=')[0]);
    expect([...listed].sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('with nothing set, LOKET opens the console on the embedded database with Swedish defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: 'console', dataDir: './.loket/data', port: 3000, timezone: 'Europe/Stockholm', language: 'sv' });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('a Slack bot token without a signing secret is an error naming the missing variable, not the console', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', LOKET_SECRET_KEY: secret })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET: required/),
    ]);
  });

  it('a half-configured OAuth install names each missing variable', () => {
    const problems = problemsOf({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'c', LOKET_SECRET_KEY: secret });
    expect(problems.map((p) => p.split(':')[0])).toEqual(['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET']);
  });

  it('Teams credentials must come as a set', () => {
    expect(problemsOf({ TEAMS_CLIENT_ID: 'id', LOKET_SECRET_KEY: secret }).map((p) => p.split(':')[0])).toEqual(['TEAMS_CLIENT_SECRET', 'TEAMS_TENANT_ID']);
  });

  it('server mode needs LOKET_SECRET_KEY', () => {
    expect(problemsOf({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([expect.stringMatching(/^LOKET_SECRET_KEY: required/)]);
  });

  it('wrong values name the variable and what it expects', () => {
    const problems = problemsOf({ PORT: 'eighty', LOKET_TIMEZONE: 'Mars/Olympus', LOKET_LANGUAGE: 'fi', DATABASE_URL: 'mysql://x', LOKET_PROGRAMME_START: '2026-02-30' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LOKET_LANGUAGE', 'LOKET_PROGRAMME_START', 'LOKET_TIMEZONE', 'PORT']);
    expect(problems.find((p) => p.startsWith('LOKET_TIMEZONE'))).toContain('Europe/Stockholm');
  });

  it('a complete single-workspace Slack setup starts the server; --console still forces the console', () => {
    const env = { SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1', LOKET_SECRET_KEY: secret, LOKET_ADMINS: 'slack:U1,teams:29:1abc' };
    const config = loadConfig(env);
    expect(config.mode).toBe('server');
    expect(config.slack).toEqual({ mode: 'single', signingSecret: 's', botToken: 'xoxb-1', apiUrl: undefined });
    expect(config.admins).toEqual([{ platform: 'slack', userId: 'U1' }, { platform: 'teams', userId: '29:1abc' }]);
    expect(loadConfig(env, ['--console']).mode).toBe('console');
  });

  it('an admin entry without a platform is refused with the expected form', () => {
    expect(problemsOf({ LOKET_ADMINS: 'U1' })).toEqual([expect.stringContaining('should look like slack:U012AB3CD')]);
  });
});
