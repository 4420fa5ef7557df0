// Web view (issue 12): a signed, expiring link to the programme's charts; revoke retires every link handed
// out (docs/architecture.md "Commands"): each command declared once.
import { defineCommand } from '../core/spec.js';
import { dashboard, dashboardRevoke } from './dashboard.js';

export const dashboardCommands = [
  defineCommand({
    verb: 'dashboard',
    aliases: ['webbvy', 'översiktssida'],
    group: 'admin',
    summary: { sv: 'länk till programmets webbvy med diagram (gäller 7 dagar)', en: "a link to the programme's web view with charts (valid 7 days)" },
    args: {},
    // The page shows every cluster's figures and participants' statistics, so only a PM may get a link.
    roles: ['manager'],
    example: 'dashboard',
    handler: dashboard,
  }),
  defineCommand({
    verb: 'dashboard revoke',
    aliases: ['webbvy återkalla', 'webbvy stäng', 'links revoke', 'länkar återkalla'],
    group: 'admin',
    summary: { sv: 'stänger alla webbvy- och nedladdningslänkar som delats ut', en: 'closes every web view and download link handed out' },
    args: {},
    // Only a PM may retire every dashboard and download link of the programme at once.
    roles: ['manager'],
    example: 'dashboard revoke',
    handler: dashboardRevoke,
  }),
];
