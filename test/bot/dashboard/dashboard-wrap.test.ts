import { describe, expect, it } from 'vitest';
import { page } from '../../../bot/dashboard/html.js';

describe('the web view on a phone', () => {
  it('every dashboard page wraps a long unbroken word or URL anywhere, so it is never wider than the screen', () => {
    const html = page({ lang: 'sv', title: 'Rymd', nav: '', body: `<p>${'x'.repeat(4000)}</p>`, footer: '' });
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(style).toMatch(/body\{[^}]*overflow-wrap:anywhere/);
    expect(style).toMatch(/pre\{white-space:pre-wrap\}/);
  });
});
