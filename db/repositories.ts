import type { Database } from './database.js';
import { createAuditRepository } from './audit.repository.js';
import { createClustersRepository } from './clusters.repository.js';
import { createConversationsRepository } from './conversations.repository.js';
import { createDeliveriesRepository } from './deliveries.repository.js';
import { createInboxRepository } from './inbox.repository.js';
import { createJobRunsRepository } from './job-runs.repository.js';
import { createOneTimeCodesRepository } from './one-time-codes.repository.js';
import { createOrganisationsRepository } from './organisations.repository.js';
import { createPeopleRepository } from './people.repository.js';
import { createProgrammeRolesRepository } from './programme-roles.repository.js';
import { createProgrammesRepository } from './programmes.repository.js';
import { createWorkspacesRepository } from './workspaces.repository.js';
import { createActionItemsRepository } from './action-items.repository.js';
import { createCountersRepository } from './counters.repository.js';
import { createMeetingsRepository } from './meetings.repository.js';
import { createNotesRepository } from './notes.repository.js';
import { createSearchRepository } from './search.repository.js';
import { createPlansRepository } from './plans.repository.js';
import { createStatusRepository } from './status.repository.js';
import { createIndicatorsRepository } from './indicators.repository.js';
import { createExportFilesRepository, createTargetsRepository } from './targets.repository.js';
import { createExportRepository } from './export.repository.js';
import { createProgressRepository } from './progress.repository.js';
import { createDigestsRepository } from './digests.repository.js';
import { createDigestContentRepository } from './digest-content.repository.js';
import { createWeeklyRunsRepository } from './weekly-runs.repository.js';
import { createExchangesRepository } from './exchanges.repository.js';
import { createInstallationsRepository } from './installations.repository.js';
import { createPersonalDataRepository } from './personal-data.repository.js';
import { createPrivacyRepository } from './privacy.repository.js';
import { createRetentionRepository } from './retention.repository.js';
import { createContinuityRepository } from './continuity.repository.js';
import { createKnowledgeReviewRepository } from './knowledge-review.repository.js';
import { createHandoverRepository } from './handover.repository.js';
import { createHandoverPackRepository } from './handover-pack.repository.js';
import { createArchiveRepository } from './archive.repository.js';
import { createOutboxRepository } from './outbox.repository.js';
import { createDashboardRepository } from './dashboard.repository.js';
import { createSlackInstallationsRepository } from './slack-installations.repository.js';
import { createAssessmentsRepository } from './assessments.repository.js';
import { createEvaluationsRepository } from './evaluations.repository.js';
import { createPlannedMeetingsRepository } from './planned-meetings.repository.js';
import { createAgendaRepository, createCalendarFeedsRepository } from './agenda.repository.js';
import { createSavedMessagesRepository } from './saved-messages.repository.js';

/** Every repository bound to one database handle — a transaction, when a command runs. */
export function createRepositories(db: Database) {
  return {
    audit: createAuditRepository({ db }),
    clusters: createClustersRepository({ db }),
    conversations: createConversationsRepository({ db }),
    deliveries: createDeliveriesRepository({ db }),
    inbox: createInboxRepository({ db }),
    jobRuns: createJobRunsRepository({ db }),
    codes: createOneTimeCodesRepository({ db }),
    organisations: createOrganisationsRepository({ db }),
    people: createPeopleRepository({ db }),
    programmeRoles: createProgrammeRolesRepository({ db }),
    programmes: createProgrammesRepository({ db }),
    workspaces: createWorkspacesRepository({ db }),
    actionItems: createActionItemsRepository({ db }),
    counters: createCountersRepository({ db }),
    meetings: createMeetingsRepository({ db }),
    notes: createNotesRepository({ db }),
    search: createSearchRepository({ db }),
    plans: createPlansRepository({ db }),
    status: createStatusRepository({ db }),
    indicators: createIndicatorsRepository({ db }),
    targets: createTargetsRepository({ db }),
    exportFiles: createExportFilesRepository({ db }),
    exports: createExportRepository({ db }),
    progress: createProgressRepository({ db }),
    digests: createDigestsRepository({ db }),
    digestContent: createDigestContentRepository({ db }),
    weeklyRuns: createWeeklyRunsRepository({ db }),
    exchanges: createExchangesRepository({ db }),
    // Teams install/uninstall (issues 8 and 10): stored conversation references and their digests.
    installations: createInstallationsRepository({ db }),
    // Knowledge continuity (issue 11).
    continuity: createContinuityRepository({ db }),
    knowledge: createKnowledgeReviewRepository({ db }),
    handover: createHandoverRepository({ db }),
    handoverPack: createHandoverPackRepository({ db }),
    archive: createArchiveRepository({ db }),
    outbox: createOutboxRepository({ db }),
    dashboard: createDashboardRepository({ db }),
    // Privacy (issue 10): holds, forget-me requests, flags, and export/erasure from the schema walk.
    privacy: createPrivacyRepository({ db }),
    personalData: createPersonalDataRepository({ db }),
    retention: createRetentionRepository({ db }),
    slackInstallations: createSlackInstallationsRepository({ db }),
    // Cluster self-assessments and meeting evaluations (issue 23).
    assessments: createAssessmentsRepository({ db }),
    evaluations: createEvaluationsRepository({ db }),
    // Planned meetings, their shared agenda and personal calendar feeds (issue 22).
    plannedMeetings: createPlannedMeetingsRepository({ db }),
    agenda: createAgendaRepository({ db }),
    calendarFeeds: createCalendarFeedsRepository({ db }),
    // Chat messages saved into LOKET (issue 22): their source link and original author.
    savedMessages: createSavedMessagesRepository({ db }),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
