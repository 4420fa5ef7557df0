// The counts of issue 9: one Slack event 1 000 times, one interactivity payload and one Teams activity
// 100 times each, duplicates arriving both one after another and at the same moment.
import { describeRedelivery } from './redelivery-cases.js';

describeRedelivery({ events: 1000, slashCommands: 1000, buttons: 100, teamsActivities: 100 });
