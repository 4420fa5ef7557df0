import type { Language } from '../../handlers/core/incoming.js';
import type { Period } from '../../handlers/core/period.js';
import { t } from '../../handlers/i18n/index.js';
import { esc, page } from './html.js';

/** Where the page's own links point; they keep the token, the period and the language. */
export interface PageLinks {
  /** The form posts back here (GET), so the period selector needs no script. */
  action: string;
  programme: string;
  cluster(id: string): string;
  otherLanguage: string;
}

export interface FrameInput {
  lang: Language;
  title: string;
  period: Period;
  links: PageLinks;
  /** Shown above the content, e.g. that a typed period could not be read. */
  notice?: string;
  back?: boolean;
  body: string;
  now: string;
}

function periodForm(lang: Language, period: Period, links: PageLinks): string {
  return `<form class="period" method="get" action="${esc(links.action)}" aria-label="${esc(t(lang, 'dashboard.period'))}">
<label>${esc(t(lang, 'dashboard.from'))}<input type="date" name="from" value="${esc(period.from)}" required></label>
<label>${esc(t(lang, 'dashboard.to'))}<input type="date" name="to" value="${esc(period.to)}" required></label>
<input type="hidden" name="lang" value="${esc(lang)}"><button type="submit">${esc(t(lang, 'dashboard.show'))}</button></form>`;
}

export function frame(input: FrameInput): string {
  const { lang, links } = input;
  const other = lang === 'sv' ? 'en' : 'sv';
  const back = input.back ? `<a href="${esc(links.programme)}">${esc(t(lang, 'dashboard.back'))}</a>` : '';
  const nav = `${back}${periodForm(lang, input.period, links)}<a href="${esc(links.otherLanguage)}" lang="${other}" hreflang="${other}">${esc(t(lang, 'dashboard.other_language'))}</a>`;
  const notice = input.notice ? `<p class="notice" role="status">${esc(input.notice)}</p>` : '';
  return page({ lang, title: input.title, nav, body: notice + input.body, footer: t(lang, 'dashboard.footer', { now: input.now }) });
}
