// `boardpack watch --serve` in a real browser (Debian's chromium, driven by
// playwright-core):
//   node watch_serve.js BOARDPACK_EXE SOURCE_DIR SCRATCH_DIR
// - a template saved (by renaming a new file over it) shows its new text in the open
//   page, which reloads itself; the written file has no script in it;
// - a save with errors leaves the last good version in the page under a banner with
//   the errors, in the served copy only; fixing it takes the banner away;
// - only the output folder's own files are served: any other path is a 404;
// - Ctrl-C stops it with status 0.
'use strict';
const fs = require('fs');
const path = require('path');
const http = require('http');
const { spawn } = require('child_process');
const { chromium } = require(path.join(__dirname, 'js', 'node_modules', 'playwright-core'));

const [exe, source, scratch] = process.argv.slice(2);
const failures = [];
const fail = (what) => failures.push(what);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Waits up to 20 s (a loaded CI machine) for `test` to hold.
async function until(what, test) {
  for (let i = 0; i < 400; i++) {
    try {
      if (await test()) return true;
    } catch (e) {
      // the page is between loads
    }
    await sleep(50);
  }
  fail('timed out waiting until ' + what);
  return false;
}

// A GET with the path sent exactly as written (no client-side normalising).
function get(port, rawPath) {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', (e) => resolve({ status: 0, body: String(e) }));
    req.end();
  });
}

function saveByRename(file, text) {
  fs.writeFileSync(file + '.swp', text);
  fs.renameSync(file + '.swp', file);
}

(async () => {
  fs.rmSync(scratch, { recursive: true, force: true });
  const prog = path.join(scratch, 'prog');
  const out = path.join(scratch, 'out');
  fs.mkdirSync(prog, { recursive: true });
  const src = path.join(source, 'inputs', 'children-families-part2');
  for (const f of ['report.yaml', 'mtfs.yaml', 'brfc.yaml', 'pilots.yaml', 'cohorts.yaml']) fs.copyFileSync(path.join(src, f), path.join(prog, f));
  fs.cpSync(path.join(src, 'templates'), path.join(prog, 'templates'), { recursive: true });

  let log = '';
  const watch = spawn(exe, ['watch', path.join(prog, 'report.yaml'), '--out', out, '--templates', path.join(source, 'templates'), '--serve', '0'],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  watch.stdout.on('data', (c) => { log += c; });
  watch.stderr.on('data', (c) => { log += c; });
  const exited = new Promise((resolve) => watch.on('exit', (code, signal) => resolve({ code, signal })));
  const renders = () => (log.match(/watching for changes/g) || []).length;

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    if (!(await until('the first build is done', () => renders() >= 1))) throw new Error(log);
    const port = Number((log.match(/http:\/\/127\.0\.0\.1:(\d+)\//) || [])[1]);
    if (!port) throw new Error('no port in: ' + log);

    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`http://127.0.0.1:${port}/prog.html`);
    const marker = 'A sentence written while the page was open.';
    if ((await page.textContent('body')).includes(marker)) fail('the marker is there before it was written');
    if (!(await page.content()).includes('new EventSource(')) fail('the served page has no reload script');

    // Save a template: the open page shows the new text without being touched.
    const tpl = path.join(prog, 'templates', 'background.mustache');
    const original = fs.readFileSync(tpl, 'utf8');
    saveByRename(tpl, marker + '\n\n' + original);
    await until('the page shows the saved text', async () => (await page.textContent('body')).includes(marker));
    const written = fs.readFileSync(path.join(out, 'prog.html'), 'utf8');
    if (!written.includes(marker)) fail('the written edition lacks the saved text');
    if (written.includes('<script')) fail('the written edition has a script in it');

    // A save with errors: the last good page under a banner naming them.
    const data = path.join(prog, 'brfc.yaml');
    const good = fs.readFileSync(data, 'utf8');
    fs.writeFileSync(data, good + '\nbrfc: [unclosed\n');
    await until('the banner shows the error', async () => (await page.textContent('[role=alert]')).includes('brfc.yaml:'));
    if (!(await page.textContent('body')).includes(marker)) fail('the page no longer shows the last good version');
    const afterError = fs.readFileSync(path.join(out, 'prog.html'), 'utf8');
    if (afterError !== written) fail('a save with errors changed the written edition');
    if (afterError.includes('role="alert"')) fail('the banner reached the written file');
    // In view wherever the author had scrolled to (the reload keeps the place).
    const box = await page.locator('[role=alert]').boundingBox();
    if (!box || box.y < 0 || box.y > 50) fail('the banner is not at the top of the view: ' + JSON.stringify(box));
    await page.screenshot({ path: path.join(scratch, 'served-with-errors.png') });

    // Fixed: the banner goes.
    fs.writeFileSync(data, good);
    await until('the banner goes', async () => (await page.$('[role=alert]')) === null && (await page.textContent('body')).includes(marker));

    // Only the folder's own files, by plain name.
    fs.symlinkSync('/etc/passwd', path.join(out, 'elsewhere.html'));
    fs.writeFileSync(path.join(scratch, 'secret.html'), 'not for serving');
    for (const p of ['/../prog/report.yaml', '/%2e%2e/prog/report.yaml', '/..%2fsecret.html', '/../secret.html', '/prog/report.yaml',
                     '/.boardpack.lock', '/elsewhere.html', '/prog.html/', '/%00prog.html', '//etc/passwd']) {
      const r = await get(port, p);
      if (r.status !== 404) fail(`${p}: status ${r.status}, not 404`);
      if (r.body.includes('root:') || r.body.includes('not for serving') || r.body.includes('boardpack:')) fail(`${p}: served a file from outside`);
    }
    for (const p of ['/', '/prog.html', '/prog.pdf', '/prog.xlsx', '/manifest.json']) {
      const r = await get(port, p);
      if (r.status !== 200) fail(`${p}: status ${r.status}, not 200`);
    }
  } catch (e) {
    fail(String(e && e.stack ? e.stack : e));
  } finally {
    await browser.close();
  }

  watch.kill('SIGINT');
  // A timer that does not keep node waiting once watch has exited.
  const end = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 20000).unref())]);
  if (!end) { fail('watch did not stop on Ctrl-C'); watch.kill('SIGKILL'); }
  else if (end.code !== 0) fail(`watch stopped with ${end.code} (${end.signal})`);
  for (const f of fs.readdirSync(out)) if (f.includes('.tmp.')) fail('a temporary file was left: ' + f);

  if (failures.length) {
    console.error(failures.map((f) => 'FAIL ' + f).join('\n') + '\n--- watch printed:\n' + log.slice(-4000));
    process.exit(1);
  }
  console.log(`watch --serve: ${renders()} renders, page reloaded on save, banner on error, 404 outside the folder`);
})();
