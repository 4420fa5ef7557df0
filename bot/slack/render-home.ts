// Reply → a Home tab view (views.publish). Same Block Kit as messages; a Home tab takes up to 100 blocks,
// so the message renderer's 50-block cut already fits.
import type { types } from '@slack/bolt';
import type { Reply } from '../../handlers/core/reply.js';
import { renderBlocks } from './render-blocks.js';

export function renderHomeView(reply: Reply): types.HomeView {
  // A form cannot live on a Home tab; the buttons that open forms (progress, meeting) open them as modals.
  const { blocks } = renderBlocks({ ...reply, form: undefined });
  return { type: 'home', blocks };
}
