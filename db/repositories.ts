import type { Database } from './database.js';
import { createAuditRepository } from './audit.repository.js';
import { createClustersRepository } from './clusters.repository.js';
import { createConversationsRepository } from './conversations.repository.js';
import { createDeliveriesRepository } from './deliveries.repository.js';
import { createJobRunsRepository } from './job-runs.repository.js';
import { createOneTimeCodesRepository } from './one-time-codes.repository.js';
import { createOrganisationsRepository } from './organisations.repository.js';
import { createPeopleRepository } from './people.repository.js';
import { createProgrammeRolesRepository } from './programme-roles.repository.js';
import { createProgrammesRepository } from './programmes.repository.js';
import { createWorkspacesRepository } from './workspaces.repository.js';

/** Every repository bound to one database handle — a transaction, when a command runs. */
export function createRepositories(db: Database) {
  return {
    audit: createAuditRepository({ db }),
    clusters: createClustersRepository({ db }),
    conversations: createConversationsRepository({ db }),
    deliveries: createDeliveriesRepository({ db }),
    jobRuns: createJobRunsRepository({ db }),
    codes: createOneTimeCodesRepository({ db }),
    organisations: createOrganisationsRepository({ db }),
    people: createPeopleRepository({ db }),
    programmeRoles: createProgrammeRolesRepository({ db }),
    programmes: createProgrammesRepository({ db }),
    workspaces: createWorkspacesRepository({ db }),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
