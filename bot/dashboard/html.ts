// Small HTML building blocks for the server-rendered web view. Every value passes through `esc`; pages
// are strings because they are read-only and tiny, and a template engine would add nothing but a package.
import type { ReplyField } from '../../handlers/core/reply.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** `backticks` in catalog texts mark commands, as in chat: shown as code. */
export function inline(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

export type Cell = string | number | { html: string };

function cell(value: Cell): string {
  return typeof value === 'object' ? value.html : esc(value);
}

/** A data table; the first column is a row header, so screen readers announce it with every cell. */
export function table(caption: string, head: string[], rows: Cell[][]): string {
  const th = head.map((h) => `<th scope="col">${esc(h)}</th>`).join('');
  const body = rows.map(([first, ...rest]) => `<tr><th scope="row">${cell(first ?? '')}</th>${rest.map((v) => `<td>${cell(v)}</td>`).join('')}</tr>`).join('\n');
  return `<table><caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Label/value pairs, exactly as `status` gives them. */
export function fieldList(fields: ReplyField[]): string {
  return `<dl class="fields">${fields.map((f) => `<div><dt>${esc(f.label)}</dt><dd>${esc(f.value)}</dd></div>`).join('')}</dl>`;
}

/** A chart with its data table: the SVG is for the eye, the table for screen readers and for copying. */
export function figure(input: { id: string; heading: string; caption?: string; svg: string; table: string; level?: 2 | 3 }): string {
  const caption = input.caption ? `<p class="caption">${inline(input.caption)}</p>` : '';
  const h = `h${input.level ?? 2}`;
  return `<section aria-labelledby="${input.id}"><${h} id="${input.id}">${esc(input.heading)}</${h}>${caption}
<div class="chart" role="img" aria-label="${esc(input.heading)}">${input.svg}</div>
${input.table}</section>`;
}

// Long unbroken words and URLs that people typed wrap anywhere, so no page is wider than a phone.
const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:1100px;padding:1rem 1.25rem;line-height:1.45;overflow-wrap:anywhere;word-break:break-word}
pre{white-space:pre-wrap}
h1{font-size:1.6rem;margin:.2rem 0 1rem}h2{font-size:1.2rem;margin:2rem 0 .4rem;border-bottom:1px solid #ccc}
a{color:#0b57a4}a:focus,button:focus,input:focus{outline:3px solid #0072B2;outline-offset:2px}
.chart{overflow-x:auto;margin:.5rem 0}.chart svg{max-width:100%;height:auto}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}caption{text-align:left;font-weight:600;padding:.2rem 0;color:#333}
th,td{border:1px solid #bbb;padding:.2rem .5rem;text-align:left;vertical-align:top}thead th{background:#eef2f7}td{font-variant-numeric:tabular-nums}
dl.fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:.4rem 1rem}dl.fields div{border-left:4px solid #0072B2;padding-left:.5rem}
dt{font-weight:600}dd{margin:0}.caption,footer{color:#333;font-size:.9rem}.notice{border:2px solid #D55E00;padding:.5rem}
form.period{display:flex;gap:.75rem;align-items:end;flex-wrap:wrap}label{display:flex;flex-direction:column;font-size:.9rem}
input,button{font-size:1rem;padding:.25rem .4rem}code{background:#f2f2f2;padding:0 .2rem}.silent{font-weight:700}
nav{display:flex;justify-content:space-between;flex-wrap:wrap;gap:1rem}`;

/** The whole page: `lang` attribute, one h1, no script, no external resource (works offline). */
export function page(input: { lang: string; title: string; nav: string; body: string; footer: string }): string {
  return `<!doctype html>
<html lang="${esc(input.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex,nofollow"><title>${esc(input.title)}</title><style>${STYLE}</style></head>
<body><nav>${input.nav}</nav><main><h1>${esc(input.title)}</h1>
${input.body}
</main><footer>${inline(input.footer)}</footer></body></html>`;
}
