import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../../bot/slack/slack-adapter.js';
import { SLASH_COMMAND } from '../../../bot/slack/slack-listeners.js';
import { SLACK_INSTALL_PATH, SLACK_REDIRECT_PATH } from '../../../bot/slack/oauth-install.js';
import { SLACK_BOT_SCOPES } from '../../../bot/slack/slack-scopes.js';
import { commandRegistry } from '../../../handlers/registry.js';
import { slackUsageHint } from '../../../scripts/slack-manifest.js';
import { SAVE_SHORTCUT, SAVE_SHORTCUT_CALLBACK_ID } from '../../../bot/slack/save-shortcut.js';

const manifest = JSON.parse(readFileSync('manifest.json', 'utf8'));
const listenerSource = ['bot/slack/slack-listeners.ts', 'bot/slack/lifecycle-listeners.ts', 'bot/slack/save-shortcut.ts'].map((file) => readFileSync(file, 'utf8')).join('\n');
// The listener only answers direct messages (channel_type im), so `message` means `message.im` here.
// The scopes each event needs are checked in slack-scopes.test.ts.
const manifestEventFor: Record<string, string> = {
  app_mention: 'app_mention', message: 'message.im', app_home_opened: 'app_home_opened', app_uninstalled: 'app_uninstalled', tokens_revoked: 'tokens_revoked', user_change: 'user_change',
};

describe('Slack manifest', () => {
  it('subscribes to exactly the events the adapter listens to', () => {
    const listened = [...listenerSource.matchAll(/app\.event\('([a-z_.]+)'/g)].map((m) => m[1]!);
    expect(listened.length).toBeGreaterThan(0);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(listened.map((e) => manifestEventFor[e]).sort());
  });

  it('the OAuth installer asks for exactly the manifest’s scopes, each with a reason, and no user scopes', () => {
    expect(Object.keys(SLACK_BOT_SCOPES).sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
    for (const reason of Object.values(SLACK_BOT_SCOPES)) expect(reason.length).toBeGreaterThan(5);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('redirects OAuth installs to the route the installer serves, and shows the Home tab it publishes', () => {
    expect(manifest.oauth_config.redirect_urls.map((url: string) => new URL(url).pathname)).toEqual([SLACK_REDIRECT_PATH]);
    expect(SLACK_INSTALL_PATH).toBe('/slack/install');
    expect(manifest.features.app_home.home_tab_enabled).toBe(listenerSource.includes("app.event('app_home_opened'"));
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });

  it('declares the slash command the adapter registers, with escaped mentions, at the events endpoint', () => {
    const [command] = manifest.features.slash_commands;
    expect(command.command).toBe(SLASH_COMMAND);
    // Escaping turns @anna into <@U123|anna>, which is how the parser knows who is meant.
    expect(command.should_escape).toBe(true);
    for (const url of [command.url, manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url]) {
      expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    }
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('declares the «Spara i LOKET» message shortcut the adapter handles, within the commands scope', () => {
    expect(manifest.features.shortcuts).toEqual([SAVE_SHORTCUT]);
    const [shortcut] = manifest.features.shortcuts;
    expect(shortcut.type).toBe('message');
    expect(shortcut.callback_id).toBe(SAVE_SHORTCUT_CALLBACK_ID);
    expect(listenerSource).toMatch(/app\.shortcut<MessageShortcut>\(\{ callback_id: SAVE_SHORTCUT_CALLBACK_ID, type: 'message_action' \}/);
    // Slack's limits: a name of at most 24 characters, a description of at most 80.
    expect(shortcut.name.length).toBeLessThanOrEqual(24);
    expect(shortcut.description.length).toBeLessThanOrEqual(80);
    expect(manifest.oauth_config.scopes.bot).toContain('commands');
    expect(commandRegistry.find(shortcut.callback_id === SAVE_SHORTCUT_CALLBACK_ID ? 'save' : '')?.verb).toBe('save');
  });

  it('the usage hint is the registry’s menu commands, as `npm run slack:manifest` writes it', () => {
    expect(manifest.features.slash_commands[0].usage_hint).toBe(slackUsageHint());
    const hinted = String(manifest.features.slash_commands[0].usage_hint).split('|').map((s) => s.trim());
    expect(hinted.length).toBeGreaterThan(2);
    for (const verb of hinted) expect(commandRegistry.find(verb)?.menu, verb).toBe(true);
  });
});
