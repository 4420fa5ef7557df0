// Real names for people Slack only names by id. Slack's events, DMs and mentions carry a bare user id, so
// after a request has been answered (never on the answer's path) LOKET asks users.info for the people it
// named whose name is missing or older than a day, and hands the names to the core (people-names.ts).
// A user_change event refreshes a name too (lifecycle-listeners.ts).
import type { AnyMiddlewareArgs, Middleware, webApi } from '@slack/bolt';
import type { PeopleNames } from '../../handlers/core/people-names.js';
import type { Logger } from '../logger.js';

export interface NameRefresherDeps {
  names: PeopleNames;
  logger: Logger;
  /** Refreshes still running, so shutdown waits for them. */
  inFlight: Set<Promise<void>>;
}

/** The person behind a request, and the text that may mention others. */
interface Named {
  teamId: string;
  userIds: string[];
}

const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

/** Bolt global middleware: lets the request be handled and answered first, then refreshes names. */
export function nameRefresher(deps: NameRefresherDeps): Middleware<AnyMiddlewareArgs> {
  const checked = new RecentlyChecked();
  return async ({ body, client, context, next }) => {
    await next();
    const found = namedIn(body as unknown as Record<string, unknown>, context.botUserId);
    if (!found) return;
    // A person checked a moment ago costs nothing: no read of their name's age after every command, and a
    // user Slack does not know (deactivated, a Connect stranger) is not asked for again on each one.
    const now = Date.now();
    const named = { ...found, userIds: found.userIds.filter((id) => !checked.recent(`${found.teamId}:${id}`, now)) };
    if (named.userIds.length === 0) return;
    const work = refresh(deps, client, named, (userId, ok) => checked.mark(`${found.teamId}:${userId}`, ok, Date.now())).catch((error: unknown) => deps.logger.warn({ err: error, platform: 'slack', team: named.teamId }, 'could not refresh Slack names'));
    deps.inFlight.add(work);
    void work.finally(() => deps.inFlight.delete(work));
  };
}

async function refresh(deps: NameRefresherDeps, client: webApi.WebClient, named: Named, checked: (userId: string, ok: boolean) => void): Promise<void> {
  const stale = await deps.names.toRefresh('slack', named.teamId, named.userIds);
  for (const userId of named.userIds) if (!stale.includes(userId)) checked(userId, true);
  const names: { userId: string; name: string }[] = [];
  for (const userId of stale) {
    try {
      const { user } = await client.users.info({ user: userId });
      const name = directoryName(user);
      if (name) names.push({ userId, name });
      checked(userId, true);
    } catch (error) {
      // One unknown or hidden user (user_not_found, a Slack Connect stranger) must not stop the others.
      deps.logger.warn({ err: error, platform: 'slack', team: named.teamId, user: userId }, 'users.info failed');
      checked(userId, false);
    }
  }
  if (names.length) await deps.names.update('slack', names);
}

/** Who this process looked up lately: an hour for a name it has (a day-old name is refreshed by then
 *  anyway), a day for a user Slack would not describe. Bounded, oldest dropped first. */
class RecentlyChecked {
  private static readonly OK_MS = 60 * 60_000;
  private static readonly FAILED_MS = 24 * 60 * 60_000;
  private static readonly MAX = 10_000;
  private readonly until = new Map<string, number>();

  recent(key: string, now: number): boolean {
    const until = this.until.get(key);
    return until !== undefined && until > now;
  }

  mark(key: string, ok: boolean, now: number): void {
    this.until.delete(key);
    this.until.set(key, now + (ok ? RecentlyChecked.OK_MS : RecentlyChecked.FAILED_MS));
    if (this.until.size > RecentlyChecked.MAX) this.until.delete(this.until.keys().next().value!);
  }
}

/** The name Slack itself shows: the display name when the person set one, else their full name. */
export function directoryName(user: { name?: string; real_name?: string; profile?: { display_name?: string; real_name?: string } } | undefined): string | undefined {
  if (!user) return undefined;
  return [user.profile?.display_name, user.profile?.real_name, user.real_name, user.name].map((n) => n?.trim()).find((n) => n) || undefined;
}

function namedIn(body: Record<string, unknown>, botUserId: string | undefined): Named | undefined {
  const found = whoAndText(body);
  if (!found?.userId || !found.teamId) return undefined;
  const mentioned = [...(found.text ?? '').matchAll(MENTION)].map((m) => m[1]!);
  const userIds = [found.userId, ...mentioned].filter((id) => id !== botUserId);
  return { teamId: found.teamId, userIds: [...new Set(userIds)] };
}

function whoAndText(body: Record<string, unknown>): { userId?: string; teamId?: string; text?: string } | undefined {
  const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  // A slash command (form fields at the top level).
  if (typeof body['command'] === 'string') return { userId: str(body['user_id']), teamId: str(body['team_id']) ?? str(body['enterprise_id']), text: str(body['text']) };
  if (body['type'] === 'event_callback') {
    const event = body['event'] as Record<string, unknown> | undefined;
    // user_change carries the whole user (and its name): handled by its own listener.
    if (!event || typeof event['user'] !== 'string') return undefined;
    return { userId: event['user'], teamId: str(event['user_team']) ?? str(body['team_id']) ?? str(body['enterprise_id']), text: str(event['text']) };
  }
  // Buttons and modals name the user as an object.
  const user = body['user'] as Record<string, unknown> | undefined;
  if (user && typeof user === 'object') {
    const team = body['team'] as Record<string, unknown> | null | undefined;
    return { userId: str(user['id']), teamId: str(user['team_id']) ?? str(team?.['id']) };
  }
  return undefined;
}
