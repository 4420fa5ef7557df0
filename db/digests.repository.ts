import { and, eq, sql } from 'drizzle-orm';
import type { Database } from './database.js';
import { DIGEST_JOB, digestSubscriptions, jobRuns } from './schema/index.js';

export type DigestSubscription = typeof digestSubscriptions.$inferSelect;

export interface SubscribeInput {
  programmeId: string;
  platform: 'slack' | 'teams';
  workspaceExternalId: string;
  channelId: string;
  weekday: number;
  time: string;
  language: 'sv' | 'en';
  createdBy: string;
  at: Date;
}

export function createDigestsRepository({ db }: { db: Database }) {
  return {
    /** Subscribing again changes day, time and language and re-activates a channel that was turned off. */
    async subscribe(input: SubscribeInput) {
      const { at, ...values } = input;
      const [subscription] = await db
        .insert(digestSubscriptions)
        .values({ ...values, active: true, createdAt: at, updatedAt: at })
        .onConflictDoUpdate({
          target: [digestSubscriptions.platform, digestSubscriptions.channelId],
          set: { programmeId: values.programmeId, workspaceExternalId: values.workspaceExternalId, weekday: values.weekday, time: values.time, language: values.language, active: true, inactiveReason: null, updatedAt: at },
        })
        .returning();
      return { subscription: subscription! };
    },

    async find(programmeId: string, platform: 'slack' | 'teams', channelId: string) {
      const [subscription] = await db
        .select()
        .from(digestSubscriptions)
        .where(and(eq(digestSubscriptions.programmeId, programmeId), eq(digestSubscriptions.platform, platform), eq(digestSubscriptions.channelId, channelId)));
      return { subscription };
    },

    async deactivate(programmeId: string, id: string, reason: string, at: Date) {
      const [subscription] = await db
        .update(digestSubscriptions)
        .set({ active: false, inactiveReason: reason, updatedAt: at })
        .where(and(eq(digestSubscriptions.programmeId, programmeId), eq(digestSubscriptions.id, id)))
        .returning();
      return { subscription };
    },

    /** Digests the PM should know about: posts whose outcome is unknown (the process stopped mid-send,
     *  never re-posted) and channels that stopped taking posts for a reason other than `digest off`. */
    async troubles(programmeId: string) {
      const target = sql`${digestSubscriptions.platform} || ':' || ${digestSubscriptions.workspaceExternalId} || ':' || ${digestSubscriptions.channelId}`;
      const unknown = await db
        .select({ channelId: digestSubscriptions.channelId, platform: digestSubscriptions.platform, period: jobRuns.period })
        .from(jobRuns)
        .innerJoin(digestSubscriptions, and(eq(jobRuns.target, target), eq(digestSubscriptions.programmeId, programmeId)))
        .where(and(eq(jobRuns.job, DIGEST_JOB), eq(jobRuns.status, 'unknown')))
        .orderBy(jobRuns.period);
      const stopped = await db
        .select({ channelId: digestSubscriptions.channelId, platform: digestSubscriptions.platform, reason: digestSubscriptions.inactiveReason })
        .from(digestSubscriptions)
        .where(and(eq(digestSubscriptions.programmeId, programmeId), eq(digestSubscriptions.active, false), sql`${digestSubscriptions.inactiveReason} is distinct from 'off'`));
      return { unknown, stopped };
    },

    async listActive(programmeId: string) {
      const subscriptions = await db
        .select()
        .from(digestSubscriptions)
        .where(and(eq(digestSubscriptions.programmeId, programmeId), eq(digestSubscriptions.active, true)));
      return { subscriptions };
    },
  };
}

export type DigestsRepository = ReturnType<typeof createDigestsRepository>;
