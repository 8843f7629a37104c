#!/usr/bin/env node
// Browser test of the public H5 pages, as a voter on a 360 px phone would use them.
// Needs no packages of its own: it borrows playwright-core from web/node_modules and drives
// Debian's Chromium. See README.md beside this file.
//
//   BASE_URL=http://127.0.0.1:8080 node tests/browser/run.mjs
import { mkdtempSync } from 'node:fs';
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
  texts,
  unreachable,
  webDir,
} from './harness.mjs';

// What the Wuhai 2022 fixture holds.
const EXPECTED = {
  groups: { town_street: 20, village_community: 83 },
  district: '海南区',
  search: '新桥社区',
  candidate: { name: '钟庆梅', unit: '新桥社区', parent: '拉僧仲街道', district: '海南区' },
};

if (!BASE_URL) {
  console.error('BASE_URL is not set: run as BASE_URL=http://127.0.0.1:PORT node tests/browser/run.mjs');
  process.exit(2);
}

let chromium;
try {
  ({ chromium } = requireWeb('playwright-core'));
} catch {
  console.error(`playwright-core is not installed in ${webDir}/node_modules: run "npm ci" in web/ first`);
  process.exit(2);
}

async function getJson(path) {
  const response = await fetch(`${BASE_URL}${path}`);
  if (!response.ok) throw new StepFailure(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

const screenshot = screenshots();

/** Nothing may stick out sideways on a 360 px screen. */
async function checkFitsWidth(page, where) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  check(widths.page <= widths.screen, `${where}: the page is ${widths.page}px wide on a ${widths.screen}px screen`);
}

/** Tap targets must be at least 44 px high. */
async function checkTapTarget(locator, name) {
  const box = await locator.first().boundingBox();
  check(box !== null, `${name} is not visible`);
  check(box.height >= 44, `${name} is only ${Math.round(box.height)}px high (needs 44px)`);
}

async function main() {
  try {
    await fetch(`${BASE_URL}/api/v1/campaigns`);
  } catch (error) {
    return unreachable(error);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'shuangshai-chromium-'));
  const { context, page, pageErrors } = await launch(chromium, userDataDir, {
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    // A phone set to another zone must still see Beijing dates.
    timezoneId: 'America/New_York',
  });

  const state = { campaign: null };
  const steps = [
    {
      name: '首页显示活动名称、当前阶段、活动安排和两个组的人数',
      async run() {
        const { items } = await getJson('/api/v1/campaigns');
        check(items.length > 0, 'GET /api/v1/campaigns lists no campaign');
        state.campaign = await getJson(`/api/v1/campaigns/${items[0].id}`);
        const { name, phase, phases } = state.campaign;

        await page.goto(`${BASE_URL}/`);
        await eventually(
          `the header shows the campaign name "${name}"`,
          () => page.locator('[data-test=campaign-name]').innerText(),
          (t) => t.trim() === name,
        );
        const stageText = await page.locator('[data-test=current-phase]').innerText();
        const wanted = phase ? `当前阶段：${phase.name}` : '当前阶段：';
        check(stageText.includes(wanted), `the current phase reads "${stageText}", expected "${wanted}"`);
        if (phase) check(/\d+月\d+日/.test(stageText), `the current phase shows no dates: "${stageText}"`);

        const counts = {};
        for (const card of await page.locator('[data-test=group-card]').all()) {
          counts[await card.getAttribute('data-group')] = Number(await card.locator('[data-test=group-count]').innerText());
        }
        check(
          JSON.stringify(counts) === JSON.stringify(EXPECTED.groups),
          `group counts are ${JSON.stringify(counts)}, expected ${JSON.stringify(EXPECTED.groups)}`,
        );
        const statuses = await page.locator('[data-test=phase-item]').evaluateAll((els) => els.map((e) => e.dataset.status));
        check(statuses.length === phases.length, `the timeline shows ${statuses.length} phases, expected ${phases.length}`);
        if (phase) {
          const currentAt = phases.findIndex((p) => p.key === phase.key);
          check(statuses[currentAt] === 'current', `phase ${phase.key} is not highlighted: ${statuses.join(',')}`);
          check(statuses.slice(0, currentAt).every((s) => s === 'done'), `earlier phases not marked done: ${statuses.join(',')}`);
        }
        const districts = await texts(page.locator('[data-test=district-card]'));
        check(districts.some((t) => t.includes(EXPECTED.district)), `no ${EXPECTED.district} among the districts`);
        await checkTapTarget(page.locator('[data-test=view-candidates]'), 'the 查看参评书记 button');
        await checkTapTarget(page.locator('[data-test=group-card]'), 'a group card');
        await checkFitsWidth(page, 'home page');
        await screenshot(page, '1-home');
      },
    },
    {
      name: `参评书记列表按${EXPECTED.district}筛选，再搜索${EXPECTED.search}只剩一人`,
      async run() {
        const hainan = state.campaign?.districts.find((d) => d.name === EXPECTED.district);
        check(hainan, `the campaign has no district ${EXPECTED.district}`);
        if (!/\/$/.test(new URL(page.url()).pathname)) await page.goto(`${BASE_URL}/`);
        await page.locator('[data-test=view-candidates]').click();
        await eventually('the candidate list opens', () => page.url(), (u) => /\/c\/\d+\/candidates$/.test(new URL(u).pathname));
        await eventually(
          `the list counts all ${state.campaign.candidates_total} candidates`,
          () => page.locator('[data-test=result-count]').getAttribute('data-total'),
          (t) => Number(t) === state.campaign.candidates_total,
        );
        await checkTapTarget(page.locator('[data-test=district-filter]'), 'the district filter');

        // Every group chosen in turn reads in full on its chip at 360 px; the sheet's close
        // icon is a 44 px target. Then back to all groups.
        const groups = Object.keys(EXPECTED.groups).length;
        for (let i = 1; i <= groups; i++) {
          await page.locator('[data-test=group-filter]').click();
          const close = page.locator('[data-test=group-filter-sheet]').locator('xpath=ancestor::*[contains(@class, "van-popup")][1]').locator('.van-popup__close-icon');
          const box = await close.boundingBox();
          check(box && box.width >= 44 && box.height >= 44, `the sheet's close icon is ${box ? `${Math.round(box.width)}×${Math.round(box.height)}` : 'not shown'} px (needs 44×44)`);
          await page.locator('[data-test=group-filter-option]').nth(i).click();
          await page.locator('[data-test=group-filter-sheet]').waitFor({ state: 'hidden' });
          const chip = page.locator('[data-test=group-filter] .filter-button__text');
          const [scroll, client, text] = await chip.evaluate((el) => [el.scrollWidth, el.clientWidth, el.textContent]);
          check(scroll <= client, `the group chip is cut off at 360 px: “${text}” needs ${scroll}px of ${client}px`);
        }
        await page.locator('[data-test=group-filter]').click();
        await page.locator('[data-test=group-filter-option]').nth(0).click();
        await page.locator('[data-test=group-filter-sheet]').waitFor({ state: 'hidden' });

        await page.locator('[data-test=district-filter]').click();
        await page.locator('[data-test=district-filter-option]', { hasText: EXPECTED.district }).click();
        await page.locator('[data-test=district-filter-sheet]').waitFor({ state: 'hidden' });
        await eventually('the address keeps the district', () => page.url(), (u) => new URL(u).searchParams.get('district') === hainan.code);
        await eventually(
          `the count says ${hainan.candidates} candidates in ${EXPECTED.district}`,
          () => page.locator('[data-test=result-count]').getAttribute('data-total'),
          (t) => Number(t) === hainan.candidates,
        );
        const shown = await eventually(
          'the first page of the filtered list is shown',
          () => texts(page.locator('[data-test=candidate-item] [data-test=candidate-district]')),
          (list) => list.length === Math.min(20, hainan.candidates),
        );
        const others = shown.filter((t) => t !== EXPECTED.district);
        check(others.length === 0, `candidates from other districts are listed: ${others.join(', ')}`);
        await checkFitsWidth(page, 'candidate list');
        await screenshot(page, '2-list-district');

        const search = page.locator('[data-test=search] input');
        await search.fill(EXPECTED.search);
        await search.press('Enter');
        await eventually('the address keeps the search', () => page.url(), (u) => new URL(u).searchParams.get('q') === EXPECTED.search);
        await eventually(
          'exactly one candidate is found',
          async () => [await page.locator('[data-test=result-count]').getAttribute('data-total'), await page.locator('[data-test=candidate-item]').count()],
          ([total, count]) => total === '1' && count === 1,
        );
        const item = await page.locator('[data-test=candidate-item]').innerText();
        check(item.includes(EXPECTED.search) && item.includes(EXPECTED.district), `the result reads "${item}"`);
        await screenshot(page, '3-list-search');
      },
    },
    {
      name: `书记页显示${EXPECTED.candidate.name}、${EXPECTED.candidate.unit}和${EXPECTED.candidate.district}`,
      async run(previousFailed) {
        if (previousFailed) {
          const hainan = state.campaign?.districts.find((d) => d.name === EXPECTED.district)?.code ?? '';
          const query = new URLSearchParams({ district: hainan, q: EXPECTED.search });
          await page.goto(`${BASE_URL}/c/${state.campaign?.id ?? 1}/candidates?${query}`);
        }
        await page.locator('[data-test=candidate-item]').first().click();
        await eventually('the candidate page opens', () => page.url(), (u) => /\/candidates\/\d+$/.test(new URL(u).pathname));
        const { candidate } = EXPECTED;
        await eventually(
          `the name ${candidate.name} is shown`,
          () => page.locator('h1[data-test=candidate-name]').innerText(),
          (t) => t.trim() === candidate.name,
        );
        const unit = await page.locator('[data-test=candidate-unit]').innerText();
        check(unit.includes(candidate.unit), `the unit reads "${unit}", expected ${candidate.unit}`);
        const parent = await page.locator('[data-test=candidate-parent]').innerText();
        check(parent.includes(candidate.parent), `the town/street reads "${parent}", expected ${candidate.parent}`);
        const district = await page.locator('[data-test=candidate-district]').innerText();
        check(district.includes(candidate.district), `the district reads "${district}", expected ${candidate.district}`);
        const themes = await page.locator('[data-test=theme-tag]').count();
        check(themes > 0, 'no theme tags are shown');
        const placeholder = await page.locator('[data-test=showcase-placeholder]').innerText();
        check(placeholder.includes('展示材料将在审核通过后公开'), `the showcase card reads "${placeholder}"`);
        await checkTapTarget(page.locator('[data-test=back]'), 'the back button');
        await checkFitsWidth(page, 'candidate page');
        await screenshot(page, '4-candidate');

        // 分享给朋友: the share link to copy and the poster (its QR code the candidate page).
        await checkTapTarget(page.locator('[data-test=share-open]'), 'the share button');
        await page.locator('[data-test=share-open]').click();
        const link = await eventually('the share sheet shows the link', () => page.locator('[data-test=share-link]').innerText(), (t) =>
          /\/share\/c\/1\/candidates\/\d+$/.test(t.trim()),
        );
        const card = await page.evaluate(async (href) => (await fetch(href)).text(), link.trim());
        check(card.includes('og:title') && card.includes(candidate.name), `the share card does not name ${candidate.name}`);
        await eventually(
          'the poster loads at 750 px',
          () => page.locator('[data-test=share-poster]').evaluate((img) => img.complete && img.naturalWidth),
          (w) => w === 750,
        );
        await page.locator('[data-test=share-copy]').click();
        await eventually('the copy is confirmed', () => page.locator('.share-sheet [role=status]').count(), (n) => n === 1);
        await checkTapTarget(page.locator('.van-popup__close-icon').last(), 'the share sheet close icon');
        await screenshot(page, '4b-share');
        await page.locator('.van-popup__close-icon').last().click();
        await eventually('the share sheet closes', () => page.locator('[data-test=share-sheet]').isVisible(), (v) => !v);
      },
    },
    {
      name: '返回后仍是刚才的搜索结果',
      async run() {
        await page.locator('[data-test=back]').click();
        await eventually('the list comes back with its search', () => page.url(), (u) => new URL(u).searchParams.get('q') === EXPECTED.search);
        await eventually(
          'the list still shows the one candidate',
          () => texts(page.locator('[data-test=candidate-item] [data-test=candidate-name]')),
          (names) => names.length === 1 && names[0] === EXPECTED.candidate.name,
        );
      },
    },
  ];

  const result = await runSteps(page, pageErrors, steps, { errorSelector: '[data-test=error-message]', screenshot });
  return finish(context, userDataDir, result);
}

exitWith(main);
