// The desk in a real browser: Debian's chromium, headless, driven by
// playwright-core against a supervisor holding the demo city.
// Usage: node desk_browser_test.mjs BASE_URL OFFICE_TOKEN COUNTY_TOKEN GRPC_LEAGUE_JSON OUT_DIR
// Prints one line per check and "N passed, N failed"; exits 1 on a failure.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [base, officeToken, countyToken, grpcLeagueFile, outDir] = process.argv.slice(2);
const require = createRequire(path.join(process.env.WEB_DIR, 'package.json'));
const { chromium } = require('playwright-core');

let passed = 0, failed = 0;
function check(what, ok, detail = '') {
  if (ok) { passed++; console.log('ok   ' + what); }
  else { failed++; console.log('FAIL ' + what + (detail ? ': ' + detail : '')); }
}

async function ready(page) {
  await page.waitForSelector('body[data-ready="yes"]', { timeout: 30000 });
}

async function signIn(page, token, next) {
  await page.goto(base + next);
  await page.waitForURL(/signin\.html/);
  await page.fill('#token', token);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/signin')), page.click('#go')]);
  await ready(page);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN',
                                             viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  // 1. Sign in as the office; 首页 of 2025-12.
  await page.goto(base + '/?period=2025-12');
  check('a page without a session goes to the sign-in page', page.url().includes('/signin.html'));
  await page.screenshot({ path: path.join(outDir, '01-signin.png'), fullPage: true });
  await page.fill('#token', officeToken);
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.click('#go')]);
  await ready(page);
  await page.screenshot({ path: path.join(outDir, '02-home.png'), fullPage: true });
  check('signed in as the office', (await page.textContent('#who')).includes('office'));
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'gk_session');
  check('the session cookie is HttpOnly and SameSite=Strict',
        session && session.httpOnly && session.sameSite === 'Strict');

  // 2. The county league table against the gRPC answer.
  const grpc = JSON.parse(fs.readFileSync(grpcLeagueFile, 'utf8'));
  const rows = await page.$$eval('#league-COUNTY tr', (trs) => trs.slice(1).map(
      (tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent.trim())));
  check('county league has a row per county', rows.length === grpc.rows.length,
        rows.length + ' vs ' + grpc.rows.length);
  const mismatches = [];
  grpc.rows.forEach((r, i) => {
    const want = [String(r.rank), r.name, Number(r.score).toFixed(2), r.grade];
    const got = rows[i] ? [rows[i][0], rows[i][2], rows[i][3], rows[i][4]] : [];
    if (JSON.stringify(want) !== JSON.stringify(got)) mismatches.push(JSON.stringify({ want, got }));
  });
  check('county league rows equal the gRPC league table', mismatches.length === 0,
        mismatches.join(' '));
  // 2b. A page at a time (?rows=N; 50 by default): the pager walks the same
  // rows, in the same order, as the whole gRPC table.
  await page.goto(base + '/?period=2025-12&rows=2');
  await ready(page);
  const countyNames = async () => page.$$eval('#league-COUNTY tr', (trs) => trs.slice(1).map(
      (tr) => tr.querySelectorAll('td')[2].textContent.trim()));
  const paged = [];
  const pagerText = async () => (await page.textContent('#pager-COUNTY span')).trim();
  check('the first page says which rows of how many',
        (await pagerText()) === '第 1–2 行，共 ' + grpc.rows.length + ' 个单位', await pagerText());
  check('the first page has no previous page', await page.isDisabled('#pager-COUNTY .prev'));
  for (let i = 0; i < 10; ++i) {
    const names = await countyNames();
    paged.push(...names);
    if (await page.isDisabled('#pager-COUNTY .next')) break;
    const before = await pagerText();
    await page.click('#pager-COUNTY .next');
    await page.waitForFunction((b) => document.querySelector('#pager-COUNTY span').textContent.trim() !== b,
                               before, { timeout: 15000 });
  }
  check('paging through the county league gives the gRPC table\'s rows in order',
        JSON.stringify(paged) === JSON.stringify(grpc.rows.map((r) => r.name)), paged.join(','));
  await page.click('#pager-COUNTY .prev');
  await page.waitForFunction(() => !document.querySelector('#pager-COUNTY .next').disabled, null,
                             { timeout: 15000 });
  check('the previous page goes back', (await countyNames()).length === 2);
  await page.goto(base + '/?period=2025-12');
  await ready(page);
  const statusRows = await page.$$eval('#status-table tr', (trs) => trs.length - 1);
  check('reporting status shows each tier', statusRows >= 3, String(statusRows));

  // 3. A unit's page: the trend chart drew on a non-empty canvas.
  await page.goto(base + '/unit.html?unit=luxi-county&period=2025-12');
  await ready(page);
  const painted = await page.evaluate(() => {
    const canvas = document.querySelector('#trend canvas');
    if (!canvas) return -1;
    const ctx = canvas.getContext('2d');
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
    return n;
  });
  check('the trend chart drew (' + painted + ' painted pixels)', painted > 2000);
  check('the chart has twelve months',
        (await page.getAttribute('#trend', 'data-drawn')) === '12');
  const lines = await page.$$eval('#breakdown-table tr', (trs) => trs.length - 1);
  check('the month\'s breakdown lists its indicators', lines > 3, String(lines));
  await page.screenshot({ path: path.join(outDir, '03-unit.png'), fullPage: true });

  // 简报 and 年度考核.
  await page.goto(base + '/bulletins.html');
  await ready(page);
  await page.waitForTimeout(500);
  const frame = page.frame({ url: /bulletin\.html/ });
  check('简报 shows the published bulletin',
        frame !== null && (await frame.content()).includes('工作简报'));
  await page.screenshot({ path: path.join(outDir, '04-bulletins.png'), fullPage: true });
  await page.goto(base + '/annual.html?year=2025&tier=COUNTY');
  await ready(page);
  const annualRows = await page.$$eval('#annual-table tr', (trs) => trs.length - 1);
  check('年度考核 lists the counties', annualRows === grpc.rows.length, String(annualRows));
  check('年度考核 shows the 2-point contribution',
        (await page.textContent('#annual-table')).includes('综合考评'));
  check('年度考核 says which rows of how many',
        (await page.textContent('#pager-annual span')).trim() ===
        '第 1–' + grpc.rows.length + ' 行，共 ' + grpc.rows.length + ' 个单位');
  // A page at a time: three rows, then the rest.
  await page.goto(base + '/annual.html?year=2025&tier=COUNTY&rows=3');
  await ready(page);
  const annualUnits = async () => page.$$eval('#annual-table tr', (trs) => trs.slice(1).map(
      (tr) => tr.querySelectorAll('td')[1].textContent.trim()));
  const firstPage = await annualUnits();
  check('年度考核 shows three rows a page with ?rows=3', firstPage.length === 3, String(firstPage));
  await page.click('#pager-annual .next');
  await page.waitForFunction(() => document.querySelector('#pager-annual span').textContent.includes('第 4'),
                             null, { timeout: 15000 });
  const secondPage = await annualUnits();
  check('the next page holds the other counties, none twice',
        firstPage.length + secondPage.length === grpc.rows.length &&
        new Set([...firstPage, ...secondPage]).size === grpc.rows.length,
        firstPage.concat(secondPage).join(','));
  await page.goto(base + '/annual.html?year=2025&tier=COUNTY');
  await ready(page);
  await page.screenshot({ path: path.join(outDir, '05-annual.png'), fullPage: true });

  // 年度报告: the demo city's statutory report in the page, and its files.
  await page.goto(base + '/annual_report.html?unit=pingxiang-city&year=2025');
  await ready(page);
  const newTotal = await page.$$eval('#report-table-2 tr', (trs) => {
    const row = trs.find((tr) => tr.cells[0].textContent.startsWith('一、本年新收'));
    return row ? row.cells[row.cells.length - 1].textContent.trim() : '';
  });
  check('年度报告 shows 三 新收 总计 36', newTotal === '36', newTotal);
  check('年度报告 names the missing months',
        (await page.textContent('#notes')).includes('缺报月份'));
  check('年度报告 is in the navigation',
        (await page.getAttribute('nav a.here', 'href')) === '/annual_report.html');
  await page.screenshot({ path: path.join(outDir, '09-annual-report.png'), fullPage: true });
  const reportHref = '/api/v1/annual-report.xlsx?unit_id=pingxiang-city&year=2025';
  const [reportDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`a[href="${reportHref}"]`),
  ]);
  const reportXlsx = path.join(outDir, 'annual-report-pingxiang-city-2025.xlsx');
  await reportDownload.saveAs(reportXlsx);
  check('the annual report downloads as .xlsx', fs.statSync(reportXlsx).size > 1000);
  const got = await page.request.get(base + reportHref);
  check('annual-report.xlsx answers 200 with the workbook type',
        got.status() === 200 && got.headers()['content-type'] ===
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        got.status() + ' ' + got.headers()['content-type']);
  for (const ext of ['html', 'md', 'json']) {
    const r = await page.request.get(base + '/api/v1/annual-report.' + ext +
                                     '?unit_id=pingxiang-city&year=2025');
    check('annual-report.' + ext + ' answers 200', r.status() === 200, String(r.status()));
  }

  // 4. Download the county league as .xlsx from 首页.
  await page.goto(base + '/?period=2025-12');
  await ready(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('a[href="/api/v1/league.xlsx?period=2025-12&tier=COUNTY"]'),
  ]);
  const xlsx = path.join(outDir, 'league-2025-12-COUNTY.xlsx');
  await download.saveAs(xlsx);
  check('the league downloads as .xlsx', fs.statSync(xlsx).size > 1000);

  // 5. Sign out: the session ends.
  await Promise.all([page.waitForURL(/signin\.html/), page.click('#signout')]);
  const after = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
  check('after signing out the session is gone (401)', after === 401, String(after));

  // 6. A county signs in and is refused another county's unit page.
  await signIn(page, countyToken, '/unit.html?unit=luxi-county&period=2025-12');
  const refusal = await page.textContent('#refusal');
  check('lianhua-county is refused luxi-county\'s page', refusal.includes('无权'), refusal);
  check('the refusal names the reason', refusal.includes('luxi-county'), refusal);
  await page.screenshot({ path: path.join(outDir, '06-refused.png'), fullPage: true });
  await page.goto(base + '/unit.html?unit=lianhua-county&period=2025-12');
  await ready(page);
  check('lianhua-county sees its own page', (await page.textContent('#refusal')) === '');
  // Its own annual report, and not another county's.
  await page.goto(base + '/annual_report.html?year=2025');
  await ready(page);
  check('lianhua-county sees its own annual report',
        (await page.textContent('#refusal')) === '' &&
            (await page.textContent('#title')).includes('莲花县'),
        await page.textContent('#title'));
  await page.goto(base + '/annual_report.html?unit=luxi-county&year=2025');
  await ready(page);
  const reportRefusal = await page.textContent('#refusal');
  check('lianhua-county is refused luxi-county\'s annual report', reportRefusal.includes('无权'),
        reportRefusal);
  const other = await page.request.get(base + '/api/v1/annual-report.xlsx?unit_id=luxi-county&year=2025');
  check('lianhua-county is refused luxi-county\'s workbook (403)', other.status() === 403,
        String(other.status()));

  // 7. The county fills in a township's month (填报): the balance slip shows
  // beside its field before submitting; fixed, submitted, version 1 listed.
  await page.goto(base + '/entry.html?unit=lianhua-fanglou-town');
  await ready(page);
  check('the entry form has the five sections',
        (await page.$$eval('#form section h2', (hs) => hs.map((h) => h.textContent).join(','))) ===
        '主动公开,政策解读,依申请公开,监督,信箱');
  check('each row is four cells, none inside another (no empty box in 合计 or 校验提示)',
        (await page.$$eval('#form td td', (tds) => tds.length)) === 0 &&
        (await page.$$eval('#form tr', (trs) => trs.slice(1).every((tr) => tr.children.length === 4 ||
                                                                       tr.querySelector('th')))));
  const fill = async (path, v) => page.fill('#f-' + path.replaceAll('.', '-'), String(v));
  await fill('proactive.items_total', 20);
  await fill('proactive.categories.work_updates', 20);
  await fill('applications.new_total', 5);
  await fill('applications.received.online', 5);
  await fill('applications.by_applicant.natural_person', 5);
  await fill('applications.results.granted', 3);
  await fill('applications.results.total', 3);
  await fill('applications.replied_on_time', 3);
  await fill('applications.carried_forward', 1);
  check('the balance is computed as typed (5 + 0 against 3 + 1)',
        (await page.getAttribute('#balance', 'data-balanced')) === 'false');
  await page.waitForSelector('#check[data-state="invalid"]', { timeout: 15000 });
  const slip = await page.textContent('td.msg.error[data-for="applications.results.total"]');
  check('the balance error shows beside 办理结果·总计 before submitting', slip.length > 0, slip);
  check('nothing was stored by checking',
        (await page.textContent('#versions')).includes('本月尚未报送'));
  // What the clerk sees: the field with its slip and, held at the top, the
  // form's summary (a full-page shot would draw the sticky summary mid-page).
  await page.screenshot({ path: path.join(outDir, '07-entry-slip.png') });
  await fill('applications.carried_forward', 2);
  await page.waitForSelector('#check[data-state="valid"]', { timeout: 15000 });
  check('fixed, the balance holds', (await page.getAttribute('#balance', 'data-balanced')) === 'true');
  check('fixed, no error is left beside the field',
        (await page.textContent('td.msg[data-for="applications.results.total"]')) === '');
  await page.click('#submit');
  await page.waitForSelector('#versions-table', { timeout: 15000 });
  const versions = await page.$$eval('#versions-table tr', (trs) => trs.slice(1).map(
      (tr) => tr.querySelector('td').textContent.trim()));
  check('the stored versions list version 1', JSON.stringify(versions) === '["1"]',
        JSON.stringify(versions));
  check('the form says it was stored as version 1',
        (await page.textContent('#result')).includes('版本 1'));
  await page.screenshot({ path: path.join(outDir, '08-entry-stored.png'), fullPage: true });
  await Promise.all([page.waitForURL(/signin\.html/), page.click('#signout')]);

  check('no script errors on any page', errors.length === 0, errors.join(' | '));
} catch (e) {
  check('the browser run finished', false, String(e && e.stack || e));
} finally {
  await browser.close();
}
console.log(passed + ' passed, ' + failed + ' failed');
process.exit(failed === 0 ? 0 : 1);
