// The HTML edition in a real browser (Debian's chromium, driven by playwright-core,
// which never downloads a browser of its own):
//   node html_edition.js REPORT.html REPORT.pdf SHOTS_DIR
// - nothing is requested from anywhere but the file itself;
// - axe-core finds no violation of the WCAG 2.2 A and AA rules;
// - one h1, headings without gaps, every in-page link leads somewhere, no script;
// - every numbered paragraph and every table cell is the PDF's (its structure tree,
//   read with pdfinfo -struct-text);
// - the page fits a 390 px phone without scrolling sideways; screenshots at 390 and
//   1280 px are written to SHOTS_DIR to be looked at;
// - printed, the pages are A4 with "Page N of M", and a table that runs on to another
//   page repeats its header row there (the printed PDF is written to SHOTS_DIR).
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const here = path.join(__dirname, 'js', 'node_modules');
const { chromium } = require(path.join(here, 'playwright-core'));
const axeSource = fs.readFileSync(path.join(here, 'axe-core', 'axe.min.js'), 'utf8');

const [htmlPath, pdfPath, shots] = process.argv.slice(2);
const failures = [];
const fail = (what) => failures.push(what);
const norm = (s) => s.replace(/\s+/g, ' ').trim();

// The PDF's structure tree as nested {type, text, children}.
function pdfTree(file) {
  const lines = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n');
  const root = { type: 'root', strings: [], children: [], depth: -1 };
  const stack = [root];
  for (const line of lines) {
    if (!line.trim()) continue;
    const depth = line.length - line.trimStart().length;
    const body = line.trim();
    while (stack.length > 1 && stack[stack.length - 1].depth >= depth) stack.pop();
    const parent = stack[stack.length - 1];
    if (body.startsWith('"')) {
      parent.children.push({ type: '#text', text: body.slice(1, body.endsWith('"') ? -1 : undefined), children: [], depth });
    } else if (body.startsWith('/') || body.startsWith('Object ')) {
      continue;  // an attribute, or a link's annotation
    } else {
      const node = { type: body.split(/[ :]/)[0], children: [], depth };
      parent.children.push(node);
      stack.push(node);
    }
  }
  return root;
}
const textOf = (n) => (n.type === '#text' ? n.text : n.children.map(textOf).join(''));
function all(n, type, out = []) {
  if (n.type === type) out.push(n);
  for (const c of n.children) all(c, type, out);
  return out;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  try {
    const url = 'file://' + path.resolve(htmlPath);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u === url || u.startsWith('data:')) return route.continue();
      fail('requested another resource: ' + u);
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto(url);

    // Accessibility: the WCAG 2.2 A and AA rules.
    await page.addScriptTag({ content: axeSource });
    const axe = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
    for (const v of axe.violations)
      fail(`axe ${v.id}: ${v.help} (${v.nodes.length} elements, first: ${v.nodes[0].target.join(' ')}: ` +
           `${norm(v.nodes[0].failureSummary || '')})`);
    if (axe.passes.length < 10) fail('axe ran only ' + axe.passes.length + ' rules');

    const page_facts = await page.evaluate(() => {
      const q = (s) => Array.from(document.querySelectorAll(s));
      return {
        lang: document.documentElement.lang,
        h1: q('h1').length,
        levels: q('h1, h2, h3, h4, h5, h6').map((h) => +h.tagName[1]),
        scripts: q('script').length - 1,  // less axe's own
        broken: q('a[href^="#"]').map((a) => a.getAttribute('href').slice(1)).filter((id) => !document.getElementById(id)),
        offsite: q('[src], [href]').map((e) => e.getAttribute('src') || e.getAttribute('href'))
          .filter((u) => !u.startsWith('#') && !u.startsWith('data:')),
        svgs: q('svg').map((s) => ({ role: s.getAttribute('role'), title: !!s.querySelector('title'), desc: !!s.querySelector('desc') })),
        imgs: q('img').filter((i) => !i.hasAttribute('alt')).length,
        contents: q('nav.contents a').length,
        paragraphs: q('p.numbered').map((p) => ({ id: p.id, text: p.textContent })),
        tables: q('table').map((t) => ({
          caption: t.caption ? t.caption.textContent : '',
          rows: Array.from(t.rows).map((r) => Array.from(r.cells).map((c) => c.textContent).filter((s) => s.trim() !== '')),
          numericLeft: Array.from(t.querySelectorAll('td.num')).filter((c) => getComputedStyle(c).textAlign !== 'right').length,
          tabular: getComputedStyle(t).fontVariantNumeric,
        })),
      };
    });
    if (page_facts.lang !== 'en-GB') fail('lang is ' + page_facts.lang);
    if (page_facts.h1 !== 1) fail(page_facts.h1 + ' h1 elements');
    page_facts.levels.forEach((l, i) => {
      if (i > 0 && l > page_facts.levels[i - 1] + 1) fail(`heading ${i + 1} jumps from h${page_facts.levels[i - 1]} to h${l}`);
    });
    if (page_facts.scripts !== 0) fail('the page has a script');
    for (const id of page_facts.broken) fail('a link leads nowhere: #' + id);
    for (const u of page_facts.offsite) fail('refers outside the file: ' + u);
    page_facts.svgs.forEach((s, i) => {
      if (s.role !== 'img' || !s.title || !s.desc) fail(`chart ${i + 1} lacks role="img", a title or a description`);
    });
    if (page_facts.imgs) fail(page_facts.imgs + ' images without alt');
    if (page_facts.contents < 2) fail('no contents list');

    // The same paragraphs and tables as the PDF.
    const tree = pdfTree(pdfPath);
    const pdfParas = all(tree, 'P').map((p) => norm(textOf(p))).filter((t) => /^\d+\. /.test(t));
    const htmlParas = page_facts.paragraphs.map((p) => norm(p.text));
    if (pdfParas.length !== htmlParas.length) fail(`${htmlParas.length} numbered paragraphs, the PDF has ${pdfParas.length}`);
    htmlParas.forEach((t, i) => {
      const n = t.split('.')[0];
      if (page_facts.paragraphs[i].id !== 'para-' + n) fail(`paragraph ${n} has the id ${page_facts.paragraphs[i].id}`);
      if (pdfParas[i] !== undefined && t !== pdfParas[i]) fail(`paragraph ${i + 1} differs:\n  html: ${t}\n  pdf:  ${pdfParas[i]}`);
    });
    const pdfTables = all(tree, 'Table').map((t) => ({
      caption: norm(all(t, 'Caption').map(textOf).join('')),
      rows: all(t, 'TR').map((r) => r.children.filter((c) => c.type === 'TH' || c.type === 'TD')
        .map((c) => norm(textOf(c))).filter((s) => s !== '')),
    }));
    if (pdfTables.length !== page_facts.tables.length) fail(`${page_facts.tables.length} tables, the PDF has ${pdfTables.length}`);
    let cells = 0;
    page_facts.tables.forEach((t, i) => {
      const p = pdfTables[i];
      if (!p) return;
      if (norm(t.caption) !== p.caption) fail(`table ${i + 1} caption: "${norm(t.caption)}" vs "${p.caption}"`);
      const h = t.rows.map((r) => r.map(norm));
      if (JSON.stringify(h) !== JSON.stringify(p.rows)) {
        const at = h.findIndex((r, k) => JSON.stringify(r) !== JSON.stringify(p.rows[k]));
        fail(`${p.caption}: row ${at + 1} is ${JSON.stringify(h[at])}, the PDF's ${JSON.stringify(p.rows[at])}`);
      }
      cells += h.reduce((n, r) => n + r.length, 0);
      if (t.numericLeft) fail(`${p.caption}: ${t.numericLeft} figures not right-aligned`);
      if (!/tabular-nums/.test(t.tabular)) fail(`${p.caption}: figures not in tabular figures`);
    });

    // A phone: nothing wider than the screen but what scrolls in its own region.
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(url);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) fail(`at 390 px the page is ${width} px wide`);
    const name = path.basename(htmlPath, '.html');
    fs.mkdirSync(shots, { recursive: true });
    await phone.screenshot({ path: path.join(shots, name + '-390.png'), fullPage: true });
    await page.screenshot({ path: path.join(shots, name + '-1280.png'), fullPage: true });

    // Print: A4 pages, the footer's page numbers, and a table that runs on to another
    // page repeats its header row there.
    await page.emulateMedia({ media: 'print' });
    const printed = path.join(shots, name + '-print.pdf');
    await page.pdf({ path: printed, preferCSSPageSize: true });
    const info = execFileSync('pdfinfo', [printed], { encoding: 'utf8' });
    if (!/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/.test(info)) fail('printed pages are not A4: ' + info);
    const pages = Number((info.match(/Pages:\s+(\d+)/) || [])[1]);
    const pageText = [];
    for (let i = 1; i <= pages; i++)
      pageText.push(norm(execFileSync('pdftotext', ['-f', String(i), '-l', String(i), printed, '-'], { encoding: 'utf8' })));
    pageText.forEach((t, i) => {
      if (!t.includes(`Page ${i + 1} of ${pages}`)) fail(`printed page ${i + 1} has no "Page ${i + 1} of ${pages}"`);
    });
    let runOn = 0;
    for (const t of page_facts.tables) {
      const caption = norm(t.caption);
      const header = (t.rows[0] || []).map(norm);
      const last = t.rows.length > 1 ? norm(t.rows[t.rows.length - 1][0] || '') : '';
      const first = pageText.findIndex((p) => p.includes(caption));
      if (first < 0 || !last || header.length === 0) continue;
      let end = first;
      while (end < pageText.length && !pageText[end].includes(last)) end++;
      for (let k = first + 1; k <= end && k < pageText.length; k++) {
        runOn++;
        if (!header.every((h) => pageText[k].includes(h))) fail(`${caption}: printed page ${k + 1} continues it without its header row`);
      }
    }

    console.log(`${name}: ${axe.passes.length} axe rules passed, ${htmlParas.length} numbered paragraphs and ` +
                `${cells} table cells as in the PDF; printed on ${pages} A4 pages, ${runOn} of them continuing a ` +
                `table; screenshots in ${shots}`);
  } finally {
    await browser.close();
  }
  if (failures.length) {
    for (const f of failures) console.error('FAIL: ' + f);
    process.exit(1);
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
