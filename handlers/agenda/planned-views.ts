// How a planned meeting reads in every view: `meetings upcoming`, status, the digest, App Home, the pack.
import type { ListedPlannedMeeting, PlannedMeeting } from '../../db/planned-meetings.repository.js';
import type { Language } from '../core/incoming.js';
import { shorten } from '../core/free-text.js';
import { shortId } from '../core/short-ids.js';
import { t } from '../i18n/index.js';
import { kindLabel } from '../meetings/meeting-kinds.js';
import { endOf, wallClock } from './planned-time.js';

/** «2027-03-02 kl. 10:00–11:30» in the programme's zone. */
export function whenText(language: Language, planned: Pick<PlannedMeeting, 'startsAt' | 'durationMinutes'>, zone: string): string {
  const start = wallClock(planned.startsAt, zone);
  const end = wallClock(endOf(planned.startsAt, planned.durationMinutes), zone);
  return t(language, 'plan.when', { date: start.day, start: start.time, end: end.day === start.day ? end.time : `${end.day} ${end.time}` });
}

export function upcomingLine(language: Language, planned: ListedPlannedMeeting, zone: string): string {
  return t(language, 'upcoming.item', {
    id: shortId('M', planned.number),
    when: whenText(language, planned, zone),
    title: shorten(planned.title, 80),
    kind: kindLabel(language, planned.kind),
    clusters: planned.clusterNames ? ` · ${planned.clusterNames}` : '',
    topics: t(language, 'plan.topics', { count: planned.topicCount }),
  });
}

/** One short line for the summaries (status, digest, App Home, handover pack). */
export function upcomingSectionLine(language: Language, planned: ListedPlannedMeeting, zone: string): string {
  return t(language, 'upcoming.section_item', {
    id: shortId('M', planned.number),
    date: `${wallClock(planned.startsAt, zone).day} ${wallClock(planned.startsAt, zone).time}`,
    title: shorten(planned.title, 60),
    clusters: planned.clusterNames ? ` (${planned.clusterNames})` : '',
    topics: t(language, 'plan.topics', { count: planned.topicCount }),
  });
}
