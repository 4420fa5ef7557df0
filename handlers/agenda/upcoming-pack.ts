// The handover pack's «Kommande möten»: a cluster's planned meetings from today on, with their agendas.
import type { Repositories } from '../../db/repositories.js';
import { instantOf, wallClock } from './planned-time.js';

const PACK_UPCOMING = 20;

export async function upcomingForPack(repos: Repositories, programmeId: string, clusterId: string, today: string, timezone: string) {
  const { planned } = await repos.plannedMeetings.listUpcoming({ programmeId, from: instantOf(today, '00:00', timezone, ''), clusterIds: [clusterId], limit: PACK_UPCOMING });
  const result = [];
  for (const meeting of planned) {
    const { topics } = await repos.agenda.list(programmeId, meeting.id);
    const at = wallClock(meeting.startsAt, timezone);
    result.push({ id: `M${meeting.number}`, starts: `${at.day} ${at.time}`, kind: meeting.kind, title: meeting.title, topics: topics.map((topic) => topic.text) });
  }
  return result;
}
