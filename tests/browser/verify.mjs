#!/usr/bin/env node
// Browser test of 核验我的选票 on a 360 px phone: a voter signs in with the code that the file SMS
// provider wrote, votes for 钟庆梅, taps 核验我的选票 on the receipt page and sees the success text
// naming the vote's leaf index (checked in the browser against the signed head); the same on
// /receipts/<receipt>; the public log page shows the latest head.
//
//   BASE_URL=http://127.0.0.1:8080 SMS_FILE=/path/to/sms.txt node tests/browser/verify.mjs
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_URL, check, eventually, exitWith, finish, launch, requireWeb, runSteps, screenshots, unreachable } from './harness.mjs';

const SMS_FILE = process.env.SMS_FILE ?? '';
const PHONE = `199${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
if (!BASE_URL || !SMS_FILE) {
  console.error('BASE_URL and SMS_FILE must be set');
  process.exit(2);
}
const { chromium } = requireWeb('playwright-core');
const screenshot = screenshots('verify-');

function codeFor(phone) {
  if (!existsSync(SMS_FILE)) return null;
  let code = null;
  for (const line of readFileSync(SMS_FILE, 'utf8').split('\n')) {
    const [, to, sent] = line.trim().split('\t');
    if (to === phone && /^\d{6}$/.test(sent ?? '')) code = sent;
  }
  return code;
}

async function fits(page, where) {
  const w = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  check(w.page <= w.screen, `${where}: the page is ${w.page}px wide on a ${w.screen}px screen`);
}

async function main() {
  let campaigns;
  try {
    campaigns = await fetch(`${BASE_URL}/api/v1/campaigns`).then((r) => r.json());
  } catch (error) {
    return unreachable(error);
  }
  const id = campaigns.items?.[0]?.id;
  const dir = mkdtempSync(join(tmpdir(), 'shuangshai-verify-'));
  const { context, page, pageErrors } = await launch(
    chromium,
    dir,
    { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'America/New_York' },
    (text) => /status of (401|404)\b/.test(text),
  );
  const state = { receipt: null, leafIndex: null };
  const steps = [
    {
      name: '登录后为钟庆梅投票，回执页点“核验我的选票”，显示写入公开日志的第 N 条记录',
      async run() {
        const found = await fetch(`${BASE_URL}/api/v1/campaigns/${id}/candidates?q=${encodeURIComponent('钟庆梅')}`).then((r) => r.json());
        const cand = found.items.find((c) => c.name === '钟庆梅');
        check(cand, 'no candidate 钟庆梅');
        await page.goto(`${BASE_URL}/c/${id}/sign-in?redirect=${encodeURIComponent(`/c/${id}/candidates/${cand.id}`)}`);
        await page.locator('[data-test=phone] input').fill(PHONE);
        await page.locator('[data-test=get-code]').click();
        const code = await eventually(`a code for ${PHONE}`, () => codeFor(PHONE));
        await page.locator('[data-test=otp-code] input').fill(code);
        await page.locator('[data-test=sign-in]').click();
        const box = page.locator('[data-test=vote-box]');
        await eventually('the vote button is ready', () => box.getAttribute('data-state'), (s) => s === 'ready');
        await box.locator('[data-test=vote]').click();
        await eventually('the receipt page opens', () => new URL(page.url()).pathname, (p) => /\/receipt\//.test(p));
        state.receipt = await page.locator('[data-test=receipt]').getAttribute('data-receipt');
        const api = await fetch(`${BASE_URL}/api/v1/votes/receipts/${state.receipt}`).then((r) => r.json());
        check(Number.isInteger(api.leaf_index), `the receipt has no leaf_index: ${JSON.stringify(api)}`);
        state.leafIndex = api.leaf_index;
        await page.locator('[data-test=verify-vote-button]').click();
        const text = await eventually(
          'the check succeeds',
          async () => {
            const failed = await page.locator('[data-test=verify-failed]').allInnerTexts();
            if (failed.length) throw new Error(`the check failed: ${failed.join(' | ')}`);
            return page.locator('[data-test=verify-ok]').innerText();
          },
          (t) => t.includes('核验通过'),
        );
        // Counted from 1 for people, with the log's own 0-based index beside it.
        check(text.includes(`第 ${state.leafIndex + 1} 条记录，编号 ${state.leafIndex}`), `the success text does not name leaf ${state.leafIndex}: ${text}`);
        check(/签名已用公钥 [0-9a-f]{16}/.test(text.replace(/\s+/g, ' ')), `the success text does not say the signature was checked: ${text}`);
        await fits(page, 'receipt page');
        await page.locator('[data-test=verify-ok]').scrollIntoViewIfNeeded();
        await screenshot(page, '1-receipt-verified');
      },
    },
    {
      name: '查询回执页同样核验成功',
      async run() {
        await page.goto(`${BASE_URL}/receipts/${state.receipt}`);
        await page.locator('[data-test=verify-vote-button]').click();
        const text = await eventually('the check succeeds', () => page.locator('[data-test=verify-ok]').innerText(), (t) => t.includes('核验通过'));
        check(text.includes(`第 ${state.leafIndex + 1} 条记录，编号 ${state.leafIndex}`), `the text does not name leaf ${state.leafIndex}: ${text}`);
        await fits(page, 'receipt check page');
        await screenshot(page, '2-receipt-check-verified');
      },
    },
    {
      name: '被篡改的证明：核验失败并用文字说明',
      async run() {
        await page.route('**/log/proof/inclusion*', async (route) => {
          const response = await route.fetch();
          const body = await response.json();
          body.audit_path[0] = body.audit_path[0].replace(/^./, (c) => (c === '0' ? '1' : '0'));
          await route.fulfill({ response, json: body });
        });
        await page.goto(`${BASE_URL}/receipts/${state.receipt}`);
        await page.locator('[data-test=verify-vote-button]').click();
        const text = await eventually('the check fails', () => page.locator('[data-test=verify-failed]').innerText(), (t) => t.includes('核验未通过'));
        check(text.includes('树根'), `the failure does not say what failed: ${text}`);
        await screenshot(page, '3-tampered');
        await page.unroute('**/log/proof/inclusion*');
      },
    },
    {
      name: '公开日志页显示最新树头和核验命令',
      async run() {
        const sth = await fetch(`${BASE_URL}/api/v1/campaigns/${id}/log/sth`).then((r) => r.json());
        await page.goto(`${BASE_URL}/c/${id}/log`);
        const size = await eventually('the head is shown', () => page.locator('[data-test=log-head]').getAttribute('data-size'), (s) => s !== null);
        check(Number(size) >= sth.tree_size, `the page shows size ${size}, the API ${sth.tree_size}`);
        check((await page.locator('[data-test=log-key]').innerText()).trim() === sth.public_key, 'the public key differs from the API');
        check(/^[0-9a-f]{64}$/.test((await page.locator('[data-test=log-root]').innerText()).trim()), 'no root hash');
        const cmd = await page.locator('[data-test=log-command]').innerText();
        check(cmd.includes(`shuangshai verify --url ${BASE_URL} --campaign ${id}`), `the command reads ${cmd}`);
        await fits(page, 'log page');
        await screenshot(page, '4-log');
      },
    },
  ];
  const result = await runSteps(page, pageErrors, steps, { errorSelector: '[data-test=verify-failed]', screenshot });
  return finish(context, dir, result);
}

exitWith(main);
