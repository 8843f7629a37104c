#!/usr/bin/env node
// Browser test of online voting, as a voter on a 360 px phone in WeChat's in-app browser:
// proves a phone with the code that the file SMS provider wrote, votes for two candidates
// (one from the candidate page, one from the list), sees the security check's progress and the
// receipt, is refused a second vote for the same candidate, and sees the counts move on the
// live results page and on the big screen. See README.md beside this file.
//
//   BASE_URL=http://127.0.0.1:8080 SMS_FILE=/path/to/sms.txt node tests/browser/vote.mjs
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BASE_URL,
  check,
  eventually,
  exitWith,
  finish,
  launch,
  requireWeb,
  runSteps,
  screenshots,
  StepFailure,
  unreachable,
  WAIT_MS,
  webDir,
} from './harness.mjs';

const SMS_FILE = process.env.SMS_FILE ?? '';
// A district admin of 海南区, who makes the party members' ballot codes the member steps use.
const STAFF_USER = process.env.DISTRICT_USER ?? '';
const STAFF_PASSWORD = process.env.DISTRICT_PASSWORD ?? '';
// A new voter on every run (a voter may vote for a candidate once a day), unless told otherwise.
const PHONE = process.env.VOTER_PHONE || `199${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160083 MMWEBSDK/20231202 MMWEBID/6290 ' +
  'MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
// What the Wuhai demo holds: the first candidate, from 村(社区)组; the second comes from 镇(街道)组.
const FIRST = { name: '钟庆梅', group: 'village_community' };
const SECOND_GROUP = 'town_street';
const ALREADY_VOTED = '已为该书记投过票';

if (!BASE_URL || !SMS_FILE || !STAFF_USER || !STAFF_PASSWORD) {
  console.error('BASE_URL, SMS_FILE, DISTRICT_USER and DISTRICT_PASSWORD must be set:');
  console.error('  BASE_URL=http://127.0.0.1:PORT SMS_FILE=/path/sms.txt DISTRICT_USER=hainan DISTRICT_PASSWORD=… node tests/browser/vote.mjs');
  process.exit(2);
}

let chromium;
let request;
try {
  ({ chromium, request } = requireWeb('playwright-core'));
} catch {
  console.error(`playwright-core is not installed in ${webDir}/node_modules: run "npm ci" in web/ first`);
  process.exit(2);
}

async function getJson(path) {
  const response = await fetch(`${BASE_URL}${path}`);
  if (!response.ok) throw new StepFailure(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** The newest code the file SMS provider wrote for `phone` since `since` (lines: ISO time, phone, code). */
function codeFromSmsFile(phone, since) {
  if (!existsSync(SMS_FILE)) return null;
  let code = null;
  for (const line of readFileSync(SMS_FILE, 'utf8').split('\n')) {
    const [time, to, sent] = line.trim().split('\t');
    if (to !== phone || !/^\d{6}$/.test(sent ?? '')) continue;
    const at = Date.parse(time);
    if (Number.isNaN(at) || at >= since - 2000) code = sent;
  }
  return code;
}

/** The candidate's count in the public tally (null when counts are not shown). */
function votesIn(tally, id) {
  for (const group of tally.groups) {
    const found = group.candidates.find((c) => c.id === id);
    if (found) return found.votes ?? null;
  }
  return null;
}

/** The staff API as the district admin (its own cookies), to make and revoke ballot codes. */
async function staffApi() {
  const http = await request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { Origin: BASE_URL } });
  const login = await http.post('/api/v1/auth/login', { data: { username: STAFF_USER, password: STAFF_PASSWORD } });
  if (!login.ok()) throw new StepFailure(`the staff sign-in answered ${login.status()}: ${await login.text()}`);
  const { csrf_token: csrf } = await login.json();
  const call = async (method, path, data) => {
    const response = await http.fetch(path, { method, data, headers: { 'X-CSRF-Token': csrf } });
    const text = await response.text();
    if (!response.ok()) throw new StepFailure(`${method} ${path} answered ${response.status()}: ${text}`);
    return JSON.parse(text);
  };
  return { call, dispose: () => http.dispose() };
}

const grouped = (code) => code.replace(/(.{4})(?=.)/g, '$1-');

const screenshot = screenshots('vote-');

async function checkFitsWidth(page, where) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  check(widths.page <= widths.screen, `${where}: the page is ${widths.page}px wide on a ${widths.screen}px screen`);
}

async function checkTapTarget(locator, name) {
  const box = await locator.first().boundingBox();
  check(box !== null, `${name} is not visible`);
  check(box.height >= 44, `${name} is only ${Math.round(box.height)}px high (needs 44px)`);
}

/** Records every stage and percentage the vote dialog shows, on every page of the context. */
function watchVoteDialog() {
  window.__voteDialog = [];
  const record = () => {
    const dialog = document.querySelector('[data-test=vote-dialog]');
    if (!dialog || getComputedStyle(dialog).display === 'none') return;
    const bar = dialog.querySelector('[data-test=pow-progress]');
    const title = dialog.querySelector('[data-test=vote-dialog-title]')?.textContent?.trim() ?? '';
    const entry = `${dialog.dataset.stage}|${bar ? bar.dataset.percent : ''}|${title}`;
    if (window.__voteDialog.at(-1) !== entry) window.__voteDialog.push(entry);
  };
  new MutationObserver(record).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-stage', 'data-percent', 'style'],
  });
}

/** Taps 投票 in `box` and waits for the receipt page; what the dialog showed on the way. */
async function voteAndExpectReceipt(page, box, who) {
  await page.evaluate(() => (window.__voteDialog = []));
  await box.locator('[data-test=vote]').click();
  await eventually(
    `the vote for ${who} ends on its receipt page`,
    async () => {
      const error = await page.locator('[data-test=vote-error]').filter({ visible: true }).allInnerTexts();
      if (error.length) throw new StepFailure(`the vote for ${who} was refused: ${error.join(' | ')}`);
      return new URL(page.url()).pathname;
    },
    (path) => /\/c\/\d+\/receipt\/[^/]+$/.test(path),
  ).catch((error) => {
    throw error instanceof StepFailure && error.message.startsWith('the vote') ? error : new StepFailure(error.message);
  });
  const seen = await page.evaluate(() => window.__voteDialog);
  const receipt = await page.locator('[data-test=receipt]').getAttribute('data-receipt');
  return { seen, receipt };
}

async function main() {
  let campaigns;
  try {
    campaigns = await fetch(`${BASE_URL}/api/v1/campaigns`).then((r) => r.json());
  } catch (error) {
    return unreachable(error);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'shuangshai-vote-'));
  const { context, page, pageErrors } = await launch(
    chromium,
    userDataDir,
    {
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'America/New_York',
      userAgent: WECHAT_UA,
    },
    // Refusals the test asks for (401 before signing in, 409 for the second vote, 404 for an unknown receipt) are logged by Chromium.
    (text) => /status of (401|403|404|409)\b/.test(text),
  );
  await context.addInitScript(watchVoteDialog);

  const state = {
    campaignId: campaigns.items?.[0]?.id,
    first: null,
    second: null,
    before: null,
    receipts: [],
    results: null,
    screen: null,
    stale: null,
    member: null,
  };
  const candidatePath = (c) => `${BASE_URL}/c/${state.campaignId}/candidates/${c.id}`;

  const steps = [
    {
      name: '未登录时点“投票”进入验证手机号页，用短信验证码登录后回到书记页',
      async run() {
        check(state.campaignId, 'GET /api/v1/campaigns lists no campaign');
        const id = state.campaignId;
        const found = await getJson(`/api/v1/campaigns/${id}/candidates?q=${encodeURIComponent(FIRST.name)}`);
        state.first = found.items.find((c) => c.name === FIRST.name);
        check(state.first, `no candidate ${FIRST.name} in campaign ${id}`);
        const others = await getJson(`/api/v1/campaigns/${id}/candidates?group=${SECOND_GROUP}&page_size=5`);
        state.second = others.items.find((c) => c.id !== state.first.id);
        check(state.second, `no candidate in group ${SECOND_GROUP}`);
        state.before = await getJson(`/api/v1/campaigns/${id}/tally`);
        check(state.before.visible && state.before.show === 'live', `the demo campaign must show live counts (show=${state.before.show})`);

        await page.goto(candidatePath(state.first));
        const box = page.locator('[data-test=vote-box]');
        await eventually('the vote button asks for sign-in', () => box.getAttribute('data-state'), (s) => s === 'sign_in');
        await checkTapTarget(box.locator('[data-test=vote]'), 'the 投票 button');
        await box.locator('[data-test=vote]').click();
        await eventually('the sign-in page opens', () => page.url(), (u) => new URL(u).pathname.endsWith('/sign-in'));
        check(
          new URL(page.url()).searchParams.get('redirect') === `/c/${id}/candidates/${state.first.id}`,
          `the sign-in page does not lead back to the candidate: ${page.url()}`,
        );

        const phone = page.locator('[data-test=phone] input');
        await phone.fill('1234');
        await page.locator('[data-test=get-code]').click();
        await eventually(
          'a short number is refused before any code is sent',
          () => page.locator('[data-test=phone] .van-field__error-message').innerText(),
          (t) => t.includes('11 位'),
        );
        await phone.fill(PHONE);
        await checkTapTarget(page.locator('[data-test=get-code]'), 'the 获取验证码 button');
        const asked = Date.now();
        await page.locator('[data-test=get-code]').click();
        await eventually(
          'the button counts down to the next code',
          () => page.locator('[data-test=get-code]').innerText(),
          (t) => /\d+ 秒后重新获取/.test(t),
        );
        const code = await eventually(`a code for ${PHONE} in ${SMS_FILE}`, () => codeFromSmsFile(PHONE, asked));
        await page.locator('[data-test=otp-code] input').fill(code);
        await checkTapTarget(page.locator('[data-test=sign-in]'), 'the 登录 button');
        await checkFitsWidth(page, 'sign-in page');
        await screenshot(page, '1-sign-in');
        await page.locator('[data-test=sign-in]').click();

        await eventually('back on the candidate page', () => page.url(), (u) => new URL(u).pathname === `/c/${id}/candidates/${state.first.id}`);
        await eventually('the vote button is ready', () => box.getAttribute('data-state'), (s) => s === 'ready');
        const line = await box.locator('[data-test=vote-line]').innerText();
        check(/今日还可投 \d+ 票/.test(line), `the button says "${line}", expected 今日还可投 N 票`);
      },
    },
    {
      name: '实时票数页和数据大屏打开，记下投票前的票数',
      async run() {
        const id = state.campaignId;
        // The results page on the phone, left open: the counts must move by themselves.
        state.results = await context.newPage();
        await state.results.goto(`${BASE_URL}/c/${id}/results`);
        await eventually('the results page shows the total', () => state.results.locator('[data-test=tally-total]').getAttribute('data-total'), (t) => t !== null);
        await eventually('the results stream is live', () => state.results.locator('[data-test=stream-status]').getAttribute('data-status'), (s) => s === 'live');
        await checkFitsWidth(state.results, 'results page');
        await screenshot(state.results, '2-results-before');

        // The big screen, at 1920×1080.
        state.screen = await context.newPage();
        await state.screen.setViewportSize({ width: 1920, height: 1080 });
        await state.screen.goto(`${BASE_URL}/screen/${id}`);
        await eventually('the big screen shows the total', () => state.screen.locator('[data-test=screen-total]').getAttribute('data-total'), (t) => t !== null);
        const charts = await state.screen.locator('canvas').count();
        check(charts >= 4, `the big screen draws ${charts} charts, expected at least 4 (rankings, per day, per hour, districts)`);
        await screenshot(state.screen, '3-screen-before');

        // A second phone tab on the first candidate, opened before the vote: its button is still on.
        state.stale = await context.newPage();
        await state.stale.goto(candidatePath(state.first));
        await eventually('the second tab shows the vote button ready', () => state.stale.locator('[data-test=vote-box]').getAttribute('data-state'), (s) => s === 'ready');
        await page.bringToFront();
      },
    },
    {
      name: `在书记页为${FIRST.name}投票：显示安全验证进度，然后显示回执`,
      async run() {
        const { seen, receipt } = await voteAndExpectReceipt(page, page.locator('[data-test=vote-box]'), FIRST.name);
        console.log(`    the dialog showed: ${seen.join(' → ')}`);
        check(seen.some((s) => s.endsWith('|正在进行安全验证…')), `the dialog never said 正在进行安全验证… (${seen.join(', ')})`);
        check(seen.some((s) => s.startsWith('solving|')), `no progress bar while solving (${seen.join(', ')})`);
        check(seen.some((s) => s.startsWith('sending|100|')), `the bar did not reach 100% (${seen.join(', ')})`);
        check(/^\S{26}$/.test(receipt ?? ''), `the receipt "${receipt}" is not 26 characters`);
        state.receipts.push({ candidate: state.first, receipt });
        const votedFor = await page.locator('[data-test=voted-for]').innerText();
        check(votedFor.trim() === FIRST.name, `the receipt page says the vote was for "${votedFor}"`);
        await checkTapTarget(page.locator('[data-test=copy-receipt]'), 'the 复制回执 button');
        await page.locator('[data-test=copy-receipt]').click();
        await eventually('the copy is confirmed', () => page.locator('.van-toast').filter({ visible: true }).innerText(), (t) => t.includes('回执'));
        check((await page.locator('[data-test=check-receipt-link]').count()) === 1, 'no link to check the receipt');
        await checkFitsWidth(page, 'receipt page');
        await screenshot(page, '4-receipt-first');
      },
    },
    {
      name: '在书记列表中为另一位书记投票，再拿到一张回执',
      async run() {
        const { second, campaignId: id } = state;
        await page.goto(`${BASE_URL}/c/${id}/candidates?q=${encodeURIComponent(second.name)}`);
        const row = page.locator(`[data-test=candidate-row][data-id="${second.id}"]`);
        await eventually(`the list shows ${second.name} with a vote button`, () => row.locator('[data-test=vote-box]').getAttribute('data-state'), (s) => s === 'ready');
        const quota = await page.locator('[data-test=vote-bar-quota]').innerText();
        check(/今日还可投 \d+ 票/.test(quota), `the list says "${quota}", expected 今日还可投 N 票`);
        await checkTapTarget(row.locator('[data-test=vote]'), 'the list 投票 button');
        await checkFitsWidth(page, 'candidate list with vote buttons');
        await screenshot(page, '5-list');
        const { seen, receipt } = await voteAndExpectReceipt(page, row, second.name);
        check(seen.some((s) => s.startsWith('solving|')), `no progress bar while solving (${seen.join(', ')})`);
        check(/^\S{26}$/.test(receipt ?? ''), `the receipt "${receipt}" is not 26 characters`);
        check(receipt !== state.receipts[0].receipt, 'both votes got the same receipt');
        state.receipts.push({ candidate: second, receipt });
        await screenshot(page, '5-receipt-second');
      },
    },
    {
      name: `再次为${FIRST.name}投票被拒绝：“今天已为该书记投过票”`,
      async run() {
        // The tab opened before the first vote still offers the button: the server must refuse.
        const stale = state.stale;
        await stale.bringToFront();
        await stale.locator('[data-test=vote]').click();
        const error = stale.locator('[data-test=vote-error]');
        const message = await eventually('the refusal is shown', () => error.innerText(), (t) => t.trim().length > 0);
        check(message.includes(ALREADY_VOTED), `the refusal reads "${message}", expected 今天已为该书记投过票`);
        check((await error.getAttribute('data-code')) === 'already_voted_today', `the refusal's code is ${await error.getAttribute('data-code')}`);
        await screenshot(stale, '6-refused');
        await stale.locator('[data-test=vote-close]').click();
        await eventually(
          'afterwards the button is off and says why',
          async () => [await stale.locator('[data-test=vote-box]').getAttribute('data-state'), await stale.locator('[data-test=vote-line]').innerText()],
          ([s, line]) => s === 'voted' && line.includes(ALREADY_VOTED),
        );
        await stale.close();

        // A fresh visit shows it straight away.
        await page.bringToFront();
        await page.goto(candidatePath(state.first));
        await eventually(
          'the candidate page shows the vote as done with the reason',
          async () => [await page.locator('[data-test=vote-box]').getAttribute('data-state'), await page.locator('[data-test=vote]').isDisabled()],
          ([s, disabled]) => s === 'voted' && disabled,
        );
      },
    },
    {
      name: '实时票数页上两位书记的票数各增加，无需刷新',
      async run() {
        const results = state.results;
        check(results, 'the results page was not opened');
        await results.bringToFront();
        for (const { candidate } of state.receipts) {
          const before = votesIn(state.before, candidate.id);
          await results.locator(`[data-test=results-group][data-group="${candidate.group}"]`).click();
          const row = results.locator(`[data-test=rank-row][data-id="${candidate.id}"]`);
          await eventually(
            `${candidate.name} has more than ${before} votes on the results page`,
            () => row.getAttribute('data-votes'),
            (v) => Number(v) >= before + 1,
          );
        }
        await eventually(
          `the total grew by at least 2 from ${state.before.total}`,
          () => results.locator('[data-test=tally-total]').getAttribute('data-total'),
          (t) => Number(t) >= state.before.total + 2,
        );
        check(
          (await results.evaluate(() => performance.getEntriesByType('navigation').length)) === 1,
          'the results page was reloaded',
        );
        await screenshot(results, '7-results-after');
      },
    },
    {
      name: '数据大屏上的总票数随之增加',
      async run() {
        const screen = state.screen;
        check(screen, 'the big screen was not opened');
        await screen.bringToFront();
        await eventually(
          `the big screen's total grew by at least 2 from ${state.before.total}`,
          () => screen.locator('[data-test=screen-total]').getAttribute('data-total'),
          (t) => Number(t) >= state.before.total + 2,
        );
        for (const { candidate } of state.receipts) {
          const row = screen.locator(`[data-test=screen-rank-row][data-id="${candidate.id}"]`);
          if ((await row.count()) === 0) continue; // not among the top 10 of its group
          const before = votesIn(state.before, candidate.id);
          await eventually(`${candidate.name}'s bar on the big screen moved past ${before}`, () => row.getAttribute('data-votes'), (v) => Number(v) >= before + 1);
        }
        const box = await screen.locator('.screen__stage').boundingBox();
        check(box && Math.round(box.width) === 1920 && Math.round(box.height) === 1080, `the big screen is ${box?.width}×${box?.height}, not 1920×1080`);
        await screenshot(screen, '8-screen-after');
        await page.bringToFront();
      },
    },
    {
      name: '“我今天的投票”列出两票和回执，回执可以查询',
      async run() {
        await page.goto(`${BASE_URL}/c/${state.campaignId}/my-votes`);
        const items = page.locator('[data-test=my-vote]');
        await eventually('two votes are listed', () => items.count(), (n) => n === 2);
        const shown = await page.locator('[data-test=my-vote] [data-test=receipt]').evaluateAll((els) => els.map((e) => e.dataset.receipt));
        for (const { candidate, receipt } of state.receipts) {
          check(shown.includes(receipt), `the receipt for ${candidate.name} (${receipt}) is not listed: ${shown.join(', ')}`);
        }
        await checkFitsWidth(page, 'my votes');
        await screenshot(page, '9-my-votes');

        const [{ candidate, receipt }] = state.receipts;
        await page.goto(`${BASE_URL}/receipts/${receipt}`);
        await eventually(
          `the receipt check shows the vote for ${candidate.name}`,
          () => page.locator('[data-test=receipt-candidate]').innerText(),
          (t) => t.includes(candidate.name),
        );
        await page.locator('[data-test=receipt-input] input').fill('NOSUCHRECEIPT0000000000000');
        await page.locator('[data-test=check-receipt]').click();
        await eventually('an unknown receipt is said to be unknown', () => page.locator('[data-test=receipt-error]').innerText(), (t) => t.trim().length > 0);
        await screenshot(page, '10-receipt-check');
      },
    },
    {
      name: '党员扫描纸条二维码：打开 /c/:id/sign-in?code=… 自动以党员身份登录',
      async run() {
        const id = state.campaignId;
        const staff = await staffApi();
        try {
          const branch = `新桥社区党支部（投票测试${Date.now() % 1e8}）`;
          const batch = await staff.call('POST', `/api/v1/campaigns/${id}/ballot-batches`, { district: '150303', branch, count: 2 });
          const { items } = await staff.call('GET', `/api/v1/campaigns/${id}/ballot-batches/${batch.id}/codes`);
          check(items.length === 2 && items.every((c) => c.state === 'unused'), `the new batch has ${JSON.stringify(items)}`);
          const [good, bad] = items;
          const revoked = await staff.call('POST', `/api/v1/campaigns/${id}/ballot-batches/${batch.id}/revoke`, { code_ids: [bad.id], reason: '浏览器测试：作废' });
          check(revoked.revoked === 1 && revoked.batch.unused === 1, `revoking answered ${JSON.stringify(revoked)}`);
          state.member = { branch, code: good.code, revoked: bad.code };
        } finally {
          await staff.dispose();
        }
        const { code, branch } = state.member;
        // What a slip's QR code holds: the code grouped as printed.
        await page.goto(`${BASE_URL}/c/${id}/sign-in?code=${grouped(code)}`);
        await eventually('the slip link signs in and goes on to the candidate list', () => page.url(), (u) => new URL(u).pathname === `/c/${id}/candidates`);
        check(!page.url().includes(code) && !page.url().includes(grouped(code)), `the code stays in the address bar: ${page.url()}`);
        const me = await page.evaluate(async (cid) => (await fetch(`/api/v1/voters/me?campaign=${cid}`, { credentials: 'same-origin' })).json(), id);
        check(me.voter?.kind === 'member', `the voter is ${JSON.stringify(me.voter)}, expected a member`);
        check(me.voter.branch === branch, `the member's branch is "${me.voter.branch}", expected "${branch}"`);
        check(me.voter.phone_tail === code.slice(-4), `the member's tail is "${me.voter.phone_tail}", expected ${code.slice(-4)}`);
        const quota = await eventually('the list shows the votes left today', () => page.locator('[data-test=vote-bar-quota]').innerText(), (t) => /今日还可投 \d+ 票/.test(t));
        console.log(`    member ····${code.slice(-4)} (${branch}): ${quota.trim()}`);
        await screenshot(page, '11-member-signed-in');
      },
    },
    {
      name: `党员为${FIRST.name}投票拿到回执；“我今天的投票”显示 党员投票码 ····XXXX 和党支部`,
      async run() {
        check(state.member, 'the previous step made no code');
        const { code, branch } = state.member;
        await page.goto(candidatePath(state.first));
        const box = page.locator('[data-test=vote-box]');
        // Another voter than the phone's: the same candidate is open to this one today.
        await eventually('the member may vote for the candidate', () => box.getAttribute('data-state'), (s) => s === 'ready');
        const { receipt } = await voteAndExpectReceipt(page, box, FIRST.name);
        check(/^\S{26}$/.test(receipt ?? ''), `the member's receipt "${receipt}" is not 26 characters`);
        check(!state.receipts.some((r) => r.receipt === receipt), 'the member got a receipt the phone voter had');

        await page.goto(`${BASE_URL}/c/${state.campaignId}/my-votes`);
        const who = page.locator('[data-test=my-votes-voter]');
        const label = await eventually('my votes name the member', () => who.innerText(), (t) => t.includes('党员投票码'));
        check(label.includes(`党员投票码 ····${code.slice(-4)}`) && label.includes(branch), `my votes say "${label}"`);
        check(!label.includes('手机号'), `a member is named by a phone: "${label}"`);
        check((await who.getAttribute('data-kind')) === 'member', 'my votes do not mark the voter as a member');
        const listed = await page.locator('[data-test=my-vote] [data-test=receipt]').evaluateAll((els) => els.map((e) => e.dataset.receipt));
        check(JSON.stringify(listed) === JSON.stringify([receipt]), `the member's votes list ${JSON.stringify(listed)}`);
        await checkFitsWidth(page, 'my votes of a member');
        await screenshot(page, '12-member-my-votes');
      },
    },
    {
      name: '已作废的投票码：输入（小写、带空格）或扫码都显示“已作废”，不能登录',
      async run() {
        check(state.member, 'the first member step made no code');
        const id = state.campaignId;
        await page.goto(`${BASE_URL}/c/${id}/sign-in`);
        await page.locator('[data-test=signed-in] [data-test=sign-out]').click();
        await page.locator('[data-test=way-member]').click();
        const field = page.locator('[data-test=ballot-code] input');
        await field.waitFor();
        await field.fill('abcd');
        await page.locator('[data-test=code-sign-in]').click();
        await eventually('a short code is refused before it is sent', () => page.locator('[data-test=ballot-code] .van-field__error-message').innerText(), (t) => t.includes('12 位'));

        const typed = state.member.revoked.toLowerCase().replace(/(.{4})/g, '$1 ').trim();
        await field.fill(typed);
        const value = await field.inputValue();
        check(value === grouped(state.member.revoked), `typing "${typed}" shows "${value}", expected ${grouped(state.member.revoked)}`);
        const size = await field.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
        check(size >= 22, `the code is typed in ${size}px`);
        for (const [selector, name] of [['[data-test=way-phone]', 'the 手机号验证 tab'], ['[data-test=way-member]', 'the 党员投票码 tab'], ['[data-test=code-sign-in]', 'the 登录 button']]) {
          await checkTapTarget(page.locator(selector), name);
        }
        await checkFitsWidth(page, 'ballot code sign-in');
        await page.locator('[data-test=code-sign-in]').click();
        const error = page.locator('[data-test=sign-in-error]');
        const message = await eventually('the revoked code is refused', () => error.innerText(), (t) => t.trim().length > 0);
        check(message.includes('已作废'), `the refusal reads "${message}"`);
        check((await error.getAttribute('data-code')) === 'ballot_code_revoked', `the refusal's code is ${await error.getAttribute('data-code')}`);
        check(new URL(page.url()).pathname === `/c/${id}/sign-in`, `a refused code left the sign-in page for ${page.url()}`);
        await screenshot(page, '13-revoked-typed');

        await page.goto(`${BASE_URL}/c/${id}/sign-in?code=${state.member.revoked}`);
        const scanned = await eventually('the revoked slip link is refused', () => page.locator('[data-test=sign-in-error]').innerText(), (t) => t.trim().length > 0);
        check(scanned.includes('已作废'), `the slip link's refusal reads "${scanned}"`);
        const me = await page.evaluate(async () => (await fetch('/api/v1/voters/me', { credentials: 'same-origin' })).status);
        check(me === 401, `after the refusals /voters/me answers ${me}, expected 401 (nobody signed in)`);
      },
    },
  ];

  console.log(`# voter ${PHONE}, codes from ${SMS_FILE}, each expectation waits up to ${WAIT_MS} ms`);
  const result = await runSteps(page, pageErrors, steps, { errorSelector: '[data-test=error-message], [data-test=vote-error], [data-test=sign-in-error]', screenshot });
  return finish(context, userDataDir, result);
}

exitWith(main);
