import { formMaxLength, textLimits } from '../core/arg-types.js';
import type { HandlerContext } from '../core/context.js';
import { dayIn } from '../core/dates.js';
import { exampleFor } from '../core/examples.js';
import type { Reply } from '../core/reply.js';
import { loggableClusters } from './meeting-input.js';
import { kindOptions } from './meeting-kinds.js';
import { t } from '../i18n/index.js';

/**
 * `meeting` alone: a form (Slack modal, Teams card, console prompt). Its keys are the command's own
 * (`_text` is the title), so the adapters submit exactly the text a user could type: options on the first
 * line, and one `decision:` / `action:` / `note:` line per line of the multi-line fields.
 */
export async function meetingForm(ctx: HandlerContext): Promise<Reply> {
  const { actor, settings, clock, repos } = ctx;
  const lang = actor.language;
  // The intro and placeholders name this programme's clusters and a due date ahead, never a placeholder
  // cluster it does not have or a date already past.
  const intro = await exampleFor(ctx, t(lang, 'meeting.form_intro'));
  const actionPlaceholder = await exampleFor(ctx, t(lang, 'meeting.action_placeholder'));
  const { clusters } = await repos.clusters.list(actor.programmeId);
  const clusterPlaceholder = clusters.length > 0 ? clusters.slice(0, 2).map((c) => c.cluster.name).join(', ') : undefined;
  // Pre-filled only when the meeting would go there anyway: a leader or deputy of exactly one cluster. With
  // several, an empty field makes LOKET ask which; a PM's meeting without clusters is programme-wide.
  const own = loggableClusters(actor);
  const ownCluster = !actor.programmeRoles.includes('manager') && own.length === 1 ? own[0]!.clusterName : undefined;
  return {
    visibility: 'private',
    blocks: [{ type: 'text', text: intro }],
    form: {
      title: t(lang, 'meeting.form_title'),
      verb: 'meeting',
      submitLabel: t(lang, 'meeting.form_submit'),
      language: lang,
      fields: [
        { key: '_text', label: t(lang, 'meeting.field_title'), kind: 'text', required: true, maxLength: formMaxLength(textLimits.title) },
        { key: 'date', label: t(lang, 'meeting.field_date'), kind: 'date', required: true, initial: dayIn(settings.timezone, clock.now()) },
        { key: 'cluster', label: t(lang, 'meeting.field_clusters'), kind: 'text', ...(ownCluster ? { initial: ownCluster } : {}), ...(clusterPlaceholder ? { placeholder: clusterPlaceholder } : {}) },
        { key: 'kind', label: t(lang, 'meeting.field_kind'), kind: 'select', options: kindOptions(lang), initial: ownCluster ? 'cluster' : 'network' },
        { key: 'with', label: t(lang, 'meeting.field_with'), kind: 'text', placeholder: '@anna, Karin Ek (LTU)' },
        { key: 'orgs', label: t(lang, 'meeting.field_orgs'), kind: 'text', placeholder: '556677-8899' },
        { key: 'decision', label: t(lang, 'meeting.field_decisions'), kind: 'multiline' },
        { key: 'action', label: t(lang, 'meeting.field_actions'), kind: 'multiline', placeholder: actionPlaceholder },
        { key: 'note', label: t(lang, 'meeting.field_notes'), kind: 'multiline' },
      ],
    },
  };
}
