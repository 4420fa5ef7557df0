// One self-contained HTML file: the records rendered as HTML, the same data as JSON, and MiniSearch's
// browser build inline for full-text search. Nothing is fetched from anywhere, so it opens from disk.
import type { Language } from '../core/incoming.js';
import type { ArchiveData } from './archive-data.js';
import { miniSearchBrowserBuild } from './archive-assets.js';
import { esc, renderSections } from './archive-sections.js';
import { t } from '../i18n/index.js';

// A long unbroken word or URL wraps anywhere (and tables and preformatted text stay within the screen), so the
// page is never wider than a phone however long what people typed.
const CSS = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.45;color:#222;overflow-wrap:anywhere;word-break:break-word}
pre{white-space:pre-wrap}table{max-width:100%}img,svg{max-width:100%}
header{border-bottom:2px solid #245;margin-bottom:1rem}h1{margin:.2rem 0}.meta{color:#666;font-size:.9em}
#q{width:100%;font-size:1.1rem;padding:.5rem;box-sizing:border-box}#results li{margin:.3rem 0}
article{border-left:3px solid #ccd;padding-left:.8rem;margin:1rem 0}nav a{margin-right:1rem}h2{margin-top:2rem}`;

// Builds the search index in the browser from the embedded JSON: the file carries the data once.
const SCRIPT = `(function(){
var data=JSON.parse(document.getElementById('loket-data').textContent);var docs=[];
function arr(v){return Array.isArray(v)?v:[]}function txt(v){return arr(v).map(function(x){return typeof x==='string'?x:(x&&x.text)||''}).join(' ')}
data.meetings.forEach(function(m){docs.push({id:m.id,type:'M',title:m.title,date:m.date,text:[txt(m.decisions),txt(m.actions),txt(m.notes),arr(m.participants).join(' '),arr(m.organisations).join(' '),arr(m.clusters).join(' '),m.kind].join(' ')})});
data.notes.forEach(function(n){docs.push({id:n.id,type:'N',title:n.text.slice(0,80),date:n.date,text:n.text+' '+(n.cluster||'')})});
data.progress.forEach(function(p,i){docs.push({id:'progress-'+i,type:'W',title:p.cluster+' '+p.week,date:p.week,text:[p.done,p.next,p.blockers,p.need].join(' ')})});
data.plans.forEach(function(g){docs.push({id:g.id,type:'G',title:g.text,date:'',text:g.cluster+' '+g.area+' '+txt(g.actions)})});
data.exchanges.forEach(function(e,i){docs.push({id:'exchange-'+i,type:'X',title:e.topic,date:e.date,text:e.cluster+' '+e.tags+' '+arr(e.proposals).map(function(p){return txt(p.learnings)}).join(' ')})});
var ms=new MiniSearch({fields:['title','text'],storeFields:['type','title','date'],searchOptions:{prefix:true,fuzzy:0.2,boost:{title:2}}});ms.addAll(docs);
var q=document.getElementById('q'),out=document.getElementById('results'),count=document.getElementById('count');
q.addEventListener('input',function(){out.textContent='';var hits=q.value.trim()?ms.search(q.value).slice(0,50):[];
count.textContent=q.value.trim()?hits.length+' '+count.dataset.label:'';
hits.forEach(function(h){var li=document.createElement('li');li.dataset.id=h.id;var a=document.createElement('a');a.href='#'+h.id;
a.textContent=(h.id.indexOf('-')<0?h.id+' · ':'')+(h.date?h.date+' · ':'')+h.title;li.appendChild(a);out.appendChild(li)})});})();`;

/** `<` inside the embedded JSON is escaped so no record can end the script element. */
function embedJson(data: ArchiveData): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

export function renderArchiveHtml(lang: Language, data: ArchiveData): string {
  const title = data.cluster ? `${data.programme} – ${data.cluster}` : data.programme;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(t(lang, 'archive.title', { name: title }))}</title><style>${CSS}</style></head>
<body><header><h1>${esc(t(lang, 'archive.title', { name: title }))}</h1>
<p class="meta">${esc(t(lang, 'archive.generated', { date: data.generatedAt.slice(0, 10), meetings: data.meetings.length }))}</p>
<nav><a href="#meetings">${t(lang, 'archive.meetings')}</a><a href="#notes">${t(lang, 'archive.notes')}</a><a href="#progress">${t(lang, 'archive.progress')}</a><a href="#plans">${t(lang, 'archive.plans')}</a><a href="#exchanges">${t(lang, 'archive.exchanges')}</a></nav></header>
<label for="q">${t(lang, 'archive.search')}</label> <input id="q" type="search" autocomplete="off" placeholder="${esc(t(lang, 'archive.search_placeholder'))}">
<p id="count" class="meta" data-label="${esc(t(lang, 'archive.hits'))}"></p><ol id="results"></ol>
<main>${renderSections(lang, data)}</main>
<script type="application/json" id="loket-data">${embedJson(data)}</script>
<script>${miniSearchBrowserBuild()}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
