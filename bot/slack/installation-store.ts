// Bolt's InstallationStore, kept through the core's OAuth installations port (in Postgres). Tokens are
// sealed with the token cipher before they reach the port and opened only here, on the way to Bolt's
// authorize (which refreshes rotating tokens and stores them back through storeInstallation).
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { InstallationValues, OAuthInstallations, StoredInstallation } from '../../handlers/core/oauth-installations.js';
import type { TokenCipher } from './token-cipher.js';

/** `enterprise:E…` for an org-wide install, else `team:T…`: how an installation is found again. */
export function installKeyOf(query: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string {
  if (query.isEnterpriseInstall && query.enterpriseId) return `enterprise:${query.enterpriseId}`;
  if (query.teamId) return `team:${query.teamId}`;
  throw new Error('a Slack installation needs a team id or an enterprise id');
}

export interface PostgresInstallationStore extends InstallationStore {
  /** The stored installation that serves a workspace: its own, else its organisation's org-wide one. */
  findRow(query: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): Promise<StoredInstallation | undefined>;
  /** The organisation whose org-wide install was seen serving a workspace (for proactive posts). */
  enterpriseOf(teamId: string): Promise<string | undefined>;
}

export function createInstallationStore({ installations, cipher }: { installations: OAuthInstallations; cipher: TokenCipher }): PostgresInstallationStore {
  const findRow: PostgresInstallationStore['findRow'] = async (query) => {
    if (query.isEnterpriseInstall) return query.enterpriseId ? installations.find(`enterprise:${query.enterpriseId}`) : undefined;
    const own = query.teamId ? await installations.find(`team:${query.teamId}`) : undefined;
    if (own || !query.enterpriseId) return own;
    return installations.find(`enterprise:${query.enterpriseId}`);
  };
  /** A workspace's installation for a request (Bolt's authorize): a workspace answered through its
   *  organisation's install is remembered as served by it. */
  const authorizeRow = async (query: InstallationQuery<boolean>) => {
    const row = await findRow(query);
    if (row?.isEnterpriseInstall && row.enterpriseId && query.teamId) await installations.servedByEnterprise(query.teamId, row.enterpriseId);
    return row;
  };
  return {
    findRow,
    enterpriseOf: (teamId) => installations.enterpriseOf(teamId),
    async storeInstallation(installation) {
      const key = installKeyOf({ isEnterpriseInstall: installation.isEnterpriseInstall, enterpriseId: installation.enterprise?.id, teamId: installation.team?.id });
      await installations.save(toRow(installation as Installation, key, cipher));
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const row = await authorizeRow(query);
      // Bolt expects a throw for "not installed"; it turns it into an authorization failure (no reply).
      if (!row) throw new Error(`LOKET is not installed for ${query.isEnterpriseInstall ? 'enterprise' : 'team'} ${query.teamId ?? query.enterpriseId ?? '?'}`);
      return fromRow(row, cipher);
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await installations.remove(installKeyOf(query));
    },
  };
}

function toRow(installation: Installation, installKey: string, cipher: TokenCipher): InstallationValues {
  const seal = (token: string | undefined) => (token ? cipher.encrypt(token, installKey) : null);
  const at = (seconds: number | undefined) => (seconds ? new Date(seconds * 1000) : null);
  const { bot, user } = installation;
  return {
    installKey,
    teamId: installation.team?.id ?? null,
    enterpriseId: installation.enterprise?.id ?? null,
    isEnterpriseInstall: Boolean(installation.isEnterpriseInstall),
    appId: installation.appId ?? null,
    botId: bot?.id ?? null,
    botUserId: bot?.userId ?? null,
    botScopes: bot?.scopes.join(',') ?? null,
    botToken: seal(bot?.token),
    botRefreshToken: seal(bot?.refreshToken),
    botTokenExpiresAt: at(bot?.expiresAt),
    installerUserId: user.id,
    userScopes: user.scopes?.join(',') ?? null,
    userToken: seal(user.token),
    userRefreshToken: seal(user.refreshToken),
    userTokenExpiresAt: at(user.expiresAt),
    teamName: installation.team?.name ?? null,
    enterpriseName: installation.enterprise?.name ?? null,
    enterpriseUrl: installation.enterpriseUrl ?? null,
  };
}

function fromRow(row: StoredInstallation, cipher: TokenCipher): Installation {
  const open = (sealed: string | null) => (sealed ? cipher.decrypt(sealed, row.installKey) : undefined);
  const seconds = (at: Date | null) => (at ? Math.floor(at.getTime() / 1000) : undefined);
  const botToken = open(row.botToken);
  return {
    team: row.teamId ? { id: row.teamId, ...(row.teamName ? { name: row.teamName } : {}) } : undefined,
    enterprise: row.enterpriseId ? { id: row.enterpriseId, ...(row.enterpriseName ? { name: row.enterpriseName } : {}) } : undefined,
    user: {
      id: row.installerUserId ?? '',
      token: open(row.userToken),
      refreshToken: open(row.userRefreshToken),
      expiresAt: seconds(row.userTokenExpiresAt),
      scopes: row.userScopes ? row.userScopes.split(',') : undefined,
    },
    ...(botToken
      ? { bot: { token: botToken, refreshToken: open(row.botRefreshToken), expiresAt: seconds(row.botTokenExpiresAt), scopes: row.botScopes?.split(',') ?? [], id: row.botId ?? '', userId: row.botUserId ?? '' } }
      : {}),
    ...(row.appId ? { appId: row.appId } : {}),
    ...(row.enterpriseUrl ? { enterpriseUrl: row.enterpriseUrl } : {}),
    tokenType: 'bot',
    isEnterpriseInstall: row.isEnterpriseInstall,
    // Rotation needs this: Bolt refuses to refresh an installation that does not say v2.
    authVersion: 'v2',
  } as Installation;
}
