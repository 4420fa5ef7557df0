import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * One Slack installation of LOKET (OAuth mode): a workspace install, or an org-wide Enterprise Grid install.
 * Not programme-owned: an installation belongs to a workspace, and the workspace (workspaces table) says
 * which programme it is connected to — an installed workspace may not have joined one yet.
 * Every token column holds ciphertext from bot/slack/token-cipher.ts (`v1:…`), never a token: a copy of
 * the database or a backup alone does not let anyone act as LOKET in a workspace.
 */
export const slackInstallations = pgTable(
  'slack_installations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // `team:T…` or `enterprise:E…` (org-wide install): the one key Bolt's lookups resolve to. The cipher
    // binds each token to it, so a token copied into another row does not decrypt.
    installKey: text('install_key').notNull(),
    teamId: text('team_id'),
    enterpriseId: text('enterprise_id'),
    isEnterpriseInstall: boolean('is_enterprise_install').notNull().default(false),
    appId: text('app_id'),
    botId: text('bot_id'),
    botUserId: text('bot_user_id'),
    botScopes: text('bot_scopes'),
    botToken: text('bot_token'),
    botRefreshToken: text('bot_refresh_token'),
    // Set only with token rotation: Bolt refreshes a token within two hours of this instant.
    botTokenExpiresAt: timestamp('bot_token_expires_at', { withTimezone: true }),
    // The Slack user who installed; their user token exists only if LOKET ever asks for user scopes.
    installerUserId: text('installer_user_id'),
    userScopes: text('user_scopes'),
    userToken: text('user_token'),
    userRefreshToken: text('user_refresh_token'),
    userTokenExpiresAt: timestamp('user_token_expires_at', { withTimezone: true }),
    // Names and URLs as Slack sent them at install time, for the operator; never a token.
    teamName: text('team_name'),
    enterpriseName: text('enterprise_name'),
    enterpriseUrl: text('enterprise_url'),
    installedAt: timestamp('installed_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('slack_installations_install_key_idx').on(t.installKey),
    index('slack_installations_enterprise_idx').on(t.enterpriseId),
  ],
);

export type SlackInstallationRow = typeof slackInstallations.$inferSelect;
export type NewSlackInstallationRow = typeof slackInstallations.$inferInsert;
