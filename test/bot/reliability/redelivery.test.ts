// Fast counts for every run; redelivery.slow.test.ts replays the counts of issue 9.
import { describeRedelivery } from './redelivery-cases.js';

describeRedelivery({ events: 100, slashCommands: 50, buttons: 50, teamsActivities: 50 });
