#!/usr/bin/env node
// Browser test of the admin console, as the 海南区 district admin on a laptop. Borrows
// playwright-core and write-excel-file from web/node_modules and drives Debian's Chromium.
// See README.md beside this file.
//
//   BASE_URL=http://127.0.0.1:8080 DISTRICT_USER=… DISTRICT_PASSWORD=… node tests/browser/admin.mjs
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BASE_URL,
  check,
  eventually,
  exitWith,
  finish,
  launch,
  pageFetch,
  requireWeb,
  runSteps,
  screenshots,
  texts,
  toast,
  unreachable,
  webDir,
} from './harness.mjs';

const USER = process.env.DISTRICT_USER ?? '';
const PASSWORD = process.env.DISTRICT_PASSWORD ?? '';
// The organizer (活动设置, 推进阶段): the last steps, which move the campaign to its next phase.
const ORGANIZER = process.env.ORGANIZER_USER ?? '';
const ORGANIZER_PASSWORD = process.env.ORGANIZER_PASSWORD ?? '';

// What the Wuhai 2022 fixture holds.
const EXPECTED = {
  district: { code: '150303', name: '海南区' },
  other: { code: '150302', name: '乌达区', candidateNo: 53 },
  candidate: { no: 97, name: '钟庆梅', unit: '新桥社区' },
  header: ['编号', '姓名', '性别', '职务', '单位代码', '单位', '上级单位', '所属区', '组别'],
};
const IMPORT_MARK = '（导入测试）';

if (!BASE_URL || !USER || !PASSWORD || !ORGANIZER || !ORGANIZER_PASSWORD) {
  console.error('Set BASE_URL, DISTRICT_USER and DISTRICT_PASSWORD (a district admin of 海南区), ORGANIZER_USER and');
  console.error('ORGANIZER_PASSWORD (an organizer), e.g.');
  console.error('  BASE_URL=http://127.0.0.1:8080 DISTRICT_USER=hainan DISTRICT_PASSWORD=… ORGANIZER_USER=organizer ORGANIZER_PASSWORD=… node tests/browser/admin.mjs');
  process.exit(2);
}

let chromium;
let writeExcelFile;
let readExcelFile;
try {
  ({ chromium } = requireWeb('playwright-core'));
  ({ default: writeExcelFile } = await import(pathToFileURL(requireWeb.resolve('write-excel-file/node')).href));
  ({ default: readExcelFile } = await import(pathToFileURL(requireWeb.resolve('read-excel-file/node')).href));
} catch (error) {
  console.error(`playwright-core or write-excel-file is not installed in ${webDir}/node_modules: run "npm ci" in web/ first (${error.message})`);
  process.exit(2);
}

const screenshot = screenshots('admin-');

/** The question "放弃未保存的修改" (useUnsavedChanges): waits for it and answers it. */
async function answerDiscard(page, discard) {
  const box = page.locator('.ss-discard-box');
  await box.waitFor();
  const text = await box.innerText();
  check(text.includes('尚未保存的修改'), `the question reads "${text}"`);
  await box.locator('.el-button', { hasText: discard ? '放弃修改' : '继续编辑' }).click();
  await box.waitFor({ state: 'hidden' });
}

/** "12月3日": a Beijing calendar day as the pages write it (without the year). */
function beijingDay(date) {
  const [, month, day] = beijing(date).split(' ')[0].split('-').map(Number);
  return `${month}月${day}日`;
}

/** Whole Beijing calendar days from `a` to `b`. */
function beijingDaysBetween(a, b) {
  const day = (d) => Date.parse(`${beijing(d).split(' ')[0]}T00:00:00Z`);
  return Math.round((day(b) - day(a)) / 86_400_000);
}

function stamp() {
  const d = new Date();
  return [d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join('');
}

/** "2026-11-20 14:30:05" in Beijing time for an instant. */
function beijing(date) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

async function main() {
  let campaignId;
  try {
    const response = await fetch(`${BASE_URL}/api/v1/campaigns`);
    const { items } = await response.json();
    campaignId = items?.[0]?.id;
  } catch (error) {
    return unreachable(error);
  }
  if (!campaignId) {
    console.log('FAILED - GET /api/v1/campaigns lists no campaign');
    console.log('0 passed, 1 failed');
    return 1;
  }
  const api = (path) => `/api/v1/campaigns/${campaignId}${path}`;

  const workDir = mkdtempSync(join(tmpdir(), 'shuangshai-admin-'));
  // Refused requests (401/403/422) are expected here; Vant's CSS (public pages) names a fallback
  // icon font on at.alicdn.com that the server's CSP blocks, which is harmless.
  const expectedConsole = (text) => /status of 4\d\d/.test(text) || text.includes('at.alicdn.com');
  const { context, page, pageErrors } = await launch(
    chromium,
    join(workDir, 'profile'),
    {
      viewport: { width: 1366, height: 768 },  // the organizer's laptop (issue 11: each page looked at this size)
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      // A laptop set to another zone must still see Beijing times.
      timezoneId: 'America/New_York',
      acceptDownloads: true,
    },
    expectedConsole,
  );

  const runStamp = stamp();
  const state = {
    newTitle: `社区党组织书记（测试${runStamp}）`,
    reason: `浏览器测试：职务更正 ${runStamp}`,
    oldTitle: null,
    importRows: null,
    importTarget: null,
    branch: `新桥社区党支部（测试${runStamp}）`,
    batchId: null,
  };
  const candidateTable = page.locator('[data-test=candidate-table]');
  const rowOf = (no) =>
    candidateTable.locator('tr.el-table__row', { has: page.locator('[data-test=cand-no]', { hasText: new RegExp(`^${no}$`) }) });

  async function searchCandidates(q) {
    await page.locator('[data-test=filter-q]').fill(q);
    await page.locator('[data-test=search]').click();
  }

  async function openCandidates() {
    if (!new URL(page.url()).pathname.startsWith('/admin/candidates')) {
      await page.locator('[data-test=menu-candidates]').click();
      await eventually('the 参评书记 page opens', () => page.url(), (u) => new URL(u).pathname === '/admin/candidates');
    }
    await candidateTable.waitFor();
  }

  const batchTable = page.locator('[data-test=batch-table]');
  const batchRow = () =>
    batchTable.locator('tr.el-table__row', { has: page.locator('[data-test=batch-branch]', { hasText: state.branch }) });
  /** The numbers a batch's row shows. */
  const batchCounts = async () => {
    const row = batchRow();
    if ((await row.count()) !== 1) return null;
    const cell = async (name) => (await row.locator(`[data-test=batch-${name}]`).innerText()).trim();
    return { district: await cell('district'), count: await cell('count'), unused: await cell('unused'), redeemed: await cell('redeemed'), revoked: await cell('revoked') };
  };

  async function openBallotCodes() {
    if (new URL(page.url()).pathname !== '/admin/ballot-codes') {
      await page.locator('[data-test=menu-ballot-codes]').click();
      await eventually('the 投票码 page opens', () => page.url(), (u) => new URL(u).pathname === '/admin/ballot-codes');
    }
    await batchTable.waitFor();
  }

  const steps = [
    {
      name: '公开页面不下载管理后台（Element Plus）',
      async run() {
        const loaded = [];
        const listener = (request) => loaded.push(new URL(request.url()).pathname);
        page.on('request', listener);
        await page.goto(`${BASE_URL}/`);
        await page.locator('[data-test=campaign-name]').waitFor();
        await page.waitForLoadState('networkidle');
        page.off('request', listener);
        const admin = loaded.filter((p) => /\/assets\/(Admin|AdminRoot|AdminLayout|LoginPage|session|guard)[-.]/.test(p));
        check(admin.length === 0, `the home page downloaded console files: ${admin.join(', ')}`);
      },
    },
    {
      name: '区管理员登录：错误密码有提示，登录后只看到本角色的菜单',
      async run() {
        await page.goto(`${BASE_URL}/admin/candidates`);
        await eventually('an unsigned visitor is sent to the sign-in page', () => page.url(), (u) => new URL(u).pathname === '/admin/login');
        check(new URL(page.url()).searchParams.get('redirect') === '/admin/candidates', `the sign-in page forgot where to go back: ${page.url()}`);

        await page.locator('[data-test=login-username]').fill(USER);
        await page.locator('[data-test=login-password]').fill(`${PASSWORD}-wrong`);
        await page.locator('[data-test=login-submit]').click();
        const shown = await eventually('a wrong password is refused with a message', () => page.locator('[data-test=login-error]').innerText(), (t) => t.trim().length > 0);
        console.log(`    wrong password: "${shown.trim().split('\n')[0]}"`);

        await page.locator('[data-test=login-password]').fill(PASSWORD);
        await page.locator('[data-test=login-submit]').click();
        await eventually('after signing in the console returns to 参评书记', () => page.url(), (u) => new URL(u).pathname === '/admin/candidates');
        const role = await page.locator('[data-test=user-role]').innerText();
        check(role.includes('区委组织部') && role.includes(EXPECTED.district.name), `the top bar shows the role "${role}"`);
        // A menu item may carry a badge (选票审核 counts the votes waiting for review, which
        // depends on what the earlier browser runs cast and at what hour): the label is its first line.
        const menu = (await texts(page.locator('[data-test=admin-menu] .el-menu-item'))).map((t) => t.split('\n')[0].trim());
        check(
          JSON.stringify(menu) === JSON.stringify(['组织单位', '参评书记', '投票码', '审计日志', '选票审核', '展示材料', '材料审核']),
          `a district admin's menu reads ${JSON.stringify(menu)}`,
        );
        const fontSize = await page.locator('[data-test=admin-menu] .el-menu-item').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
        check(fontSize >= 14, `the menu text is ${fontSize}px`);
      },
    },
    {
      name: `参评书记列表只有${EXPECTED.district.name}，没有${EXPECTED.other.name}`,
      async run() {
        await openCandidates();
        await eventually('the list shows candidates', () => candidateTable.locator('[data-test=cand-district]').count(), (n) => n > 0);
        const shown = await texts(candidateTable.locator('[data-test=cand-district]'));
        const foreign = shown.filter((d) => d !== EXPECTED.district.name);
        check(foreign.length === 0, `rows of other districts are listed: ${foreign.join(', ')}`);
        const districtFilter = await page.locator('[data-test=filter-district]').innerText();
        check(districtFilter.includes(EXPECTED.district.name), `the district filter reads "${districtFilter}"`);

        // Every page, every status: nothing of 乌达区.
        const all = await pageFetch(page, 'GET', api(`/admin/candidates?status=all&page_size=100`));
        check(all.status === 200, `GET admin/candidates answered ${all.status}: ${all.text}`);
        const others = all.json.items.filter((c) => c.district?.code !== EXPECTED.district.code);
        check(others.length === 0, `the API lists ${others.length} candidates of other districts`);
        check(all.json.items.length > 0, 'the API lists no candidate at all');

        await searchCandidates(String(EXPECTED.other.candidateNo));
        await eventually(`searching for ${EXPECTED.other.candidateNo} finds nobody`, async () => {
          const total = await page.locator('[data-test=candidate-total]').getAttribute('data-total');
          const rows = await texts(candidateTable.locator('[data-test=cand-district]'));
          return { total, rows };
        }, (v) => v.total === '0' && v.rows.length === 0);
        check(!(await candidateTable.innerText()).includes(EXPECTED.other.name), `${EXPECTED.other.name} appears in the table`);
        // The search lives in the address: a reload shows the same list.
        check(new URL(page.url()).searchParams.get('q') === String(EXPECTED.other.candidateNo), `the address does not keep the search: ${page.url()}`);
        await page.reload();
        await eventually('after a reload the search is still there', async () => ({
          q: await page.locator('input[data-test=filter-q], [data-test=filter-q] input').first().inputValue(),
          total: await page.locator('[data-test=candidate-total]').getAttribute('data-total'),
          text: await page.locator('[data-test=candidate-total]').innerText(),
        }), (v) => v.q === String(EXPECTED.other.candidateNo) && v.total === '0' && v.text.includes('共 0 人'));
        await screenshot(page, '1-candidates');
        await searchCandidates('');
      },
    },
    {
      name: '点左侧单位树的拉僧仲街道：列表只剩它和它下面社区的书记；勾选两人批量停用、再批量启用；点“全部单位”恢复',
      async run() {
        await openCandidates();
        const total = () => page.locator('[data-test=candidate-total]').getAttribute('data-total');
        const all = Number(await eventually('the list counts its rows', total, (t) => Number(t) > 0));
        const node = page.locator('[data-test=unit-tree-node][data-code="150303004"]');
        await eventually('the unit tree shows 拉僧仲街道', () => node.count(), (n) => n === 1);
        check((await page.locator('[data-test=unit-tree-node]').first().innerText()).includes(EXPECTED.district.name), 'the tree does not start at the district');
        await node.click();
        await eventually('the address keeps the unit', () => page.url(), (u) => new URL(u).searchParams.get('unit') === '150303004');
        await eventually('5 candidates under 拉僧仲街道 (the street and its 4 communities)', total, (t) => t === '5');
        const units = await texts(candidateTable.locator('[data-test=cand-unit]'));
        check(units.includes('拉僧仲街道') && units.includes(EXPECTED.candidate.unit), `the rows are of ${units.join(', ')}`);
        await screenshot(page, '1a-unit-tree');

        // Two rows chosen: 批量停用 with one reason (this phase makes it a correction), then
        // 批量启用 from the list of every status puts both back.
        const pick = async (no) => rowOf(no).locator('.el-checkbox').first().click();
        const answer = async (verb) => {
          const box = page.locator('.el-message-box');
          await box.waitFor();
          const question = await box.innerText();
          check(question.includes('98 钟宏') && question.includes('99 吕兰文'), `the question does not name both: ${question}`);
          await box.locator('textarea').fill(`浏览器测试：批量${verb} ${runStamp}`);
          await box.locator('.el-message-box__btns .el-button--primary').last().click();
        };
        const status = async (label) => {
          await page.locator('[data-test=filter-status]').click();
          await page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^${label}$`) }).click();
          await page.locator('[data-test=search]').click();
        };
        await pick(98);
        await pick(99);
        await eventually('已选 2 人', () => page.locator('[data-test=selected-count]').getAttribute('data-count'), (n) => n === '2');
        await page.locator('[data-test=batch-disable]').click();
        await answer('停用');
        await toast(page, '已停用 2 人');
        await eventually('the two leave the list of active ones', total, (t) => t === '3');
        await status('全部');
        await eventually('全部 lists all 5 again', total, (t) => t === '5');
        await pick(98);
        await pick(99);
        await page.locator('[data-test=batch-enable]').click();
        await answer('启用');
        await toast(page, '已启用 2 人');
        await status('启用');
        await eventually('both are active again', total, (t) => t === '5');

        await page.locator('[data-test=unit-tree-all]').click();
        await eventually(`全部单位 lists all ${all} again`, total, (t) => Number(t) === all);
      },
    },
    {
      name: `导出本区的参评书记和组织单位（Excel 只含${EXPECTED.district.name}）`,
      async run() {
        // Clicks an export button and reads the workbook it downloads.
        const exported = async (testId) => {
          const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-test=${testId}]`).click()]);
          const file = join(workDir, download.suggestedFilename());
          await download.saveAs(file);
          // Named for the district and the day, as it will sit in a downloads folder.
          check(new RegExp(`^${EXPECTED.district.name}_.+_\\d{4}-\\d{2}-\\d{2}\\.xlsx$`).test(download.suggestedFilename()),
            `the download is named ${download.suggestedFilename()}`);
          const book = await readExcelFile(file);  // the sheets, each {sheet, data}
          const first = Array.isArray(book) ? book[0] : book;
          return first?.data ?? book;
        };
        await openCandidates();
        const roster = await exported('export-roster');
        check(JSON.stringify(roster[0]) === JSON.stringify(EXPECTED.header), `the roster's header reads ${JSON.stringify(roster[0])}`);
        const rosterDistricts = new Set(roster.slice(1).map((r) => r[7]));
        check(rosterDistricts.size === 1 && rosterDistricts.has(EXPECTED.district.name), `the roster holds ${[...rosterDistricts].join(', ')}`);
        check(roster.length - 1 >= 17, `the roster has ${roster.length - 1} rows`);

        await page.locator('[data-test=admin-menu] .el-menu-item', { hasText: '组织单位' }).click();
        await eventually('the 组织单位 page opens', () => page.url(), (u) => new URL(u).pathname === '/admin/org-units');
        const units = await exported('export-org-units');
        check(units[0][0] === '单位代码' && units[0][5] === '所属区', `the units' header reads ${JSON.stringify(units[0])}`);
        const unitDistricts = new Set(units.slice(1).map((r) => r[5]));
        check(unitDistricts.size === 1 && unitDistricts.has(EXPECTED.district.name), `the units export holds ${[...unitDistricts].join(', ')}`);
      },
    },
    {
      name: `组织单位以树形显示：${EXPECTED.district.name} → 镇/街道 → 村/社区，可展开全部、切换为列表`,
      async run() {
        await page.locator('[data-test=admin-menu] .el-menu-item', { hasText: '组织单位' }).click();
        await eventually('the 组织单位 page opens', () => page.url(), (u) => new URL(u).pathname === '/admin/org-units');
        const table = page.locator('[data-test=org-unit-table]');
        check((await table.getAttribute('data-view')) === 'tree', 'the units do not open as a tree');
        const rows = table.locator('.el-table__body-wrapper tr.el-table__row');
        // The levels of the rows shown (a closed branch's rows stay in the DOM, hidden).
        const shownLevels = () =>
          rows.evaluateAll((trs) =>
            trs.filter((tr) => tr.style.display !== 'none').map((tr) => tr.className.match(/el-table__row--level-(\d)/)?.[1] ?? '0'),
          );
        // Opened to the towns and streets: the district first, its towns under it, no village yet.
        const levels = await eventually('the tree shows the district and its towns', shownLevels, (l) => l.length > 1);
        check((await rows.first().innerText()).includes(EXPECTED.district.name), `the tree starts with ${await rows.first().innerText()}`);
        check(levels[0] === '0' && levels.slice(1).every((l) => l === '1'), `levels shown at first: ${levels.join(',')}`);
        const total = Number((await page.locator('.ss-toolbar .ss-muted').innerText()).match(/共 (\d+) 个单位/)?.[1]);
        await page.locator('[data-test=expand-all]').click();
        const all = await eventually('展开全部 shows every unit', shownLevels, (l) => l.length === total);
        check(all.includes('2'), 'no village or community under a town after 展开全部');
        await screenshot(page, '1b-org-unit-tree');
        await page.locator('[data-test=collapse-all]').click();
        await eventually('折叠全部 leaves the district alone', shownLevels, (l) => l.length === 1);
        // 列表: paged, and the address keeps the choice.
        await page.locator('[data-test=org-unit-view] label', { hasText: '列表' }).click();
        await eventually('the list view is in the address', () => page.url(), (u) => new URL(u).searchParams.get('view') === 'list');
        await eventually('the list is paged', () => page.locator('.el-pagination').count(), (n) => n === 1);
        await page.reload();
        await eventually('a reload keeps the list view', () => table.getAttribute('data-view'), (v) => v === 'list');
        await page.locator('[data-test=org-unit-view] label', { hasText: '树形' }).click();
        await eventually('back to the tree', () => table.getAttribute('data-view'), (v) => v === 'tree');
      },
    },
    {
      name: `编辑${EXPECTED.candidate.no}号${EXPECTED.candidate.name}的职务（投票阶段须填写更正原因）`,
      async run() {
        await openCandidates();
        await searchCandidates(String(EXPECTED.candidate.no));
        const row = rowOf(EXPECTED.candidate.no);
        await eventually(`row ${EXPECTED.candidate.no} is listed`, () => row.count(), (n) => n === 1);
        const rowText = await row.innerText();
        check(rowText.includes(EXPECTED.candidate.name) && rowText.includes(EXPECTED.candidate.unit) && rowText.includes(EXPECTED.district.name), `row 97 reads "${rowText}"`);
        state.oldTitle = (await row.locator('[data-test=cand-title]').innerText()).trim();

        const notice = await page.locator('[data-test=correction-notice]').innerText();
        check(notice.includes('修改名单属于更正，须填写原因并记入审计日志'), `the correction notice reads "${notice}"`);

        // An edit not saved is not lost without a word: 取消 asks, 继续编辑 keeps it, 放弃修改 drops it.
        await row.locator('[data-test=edit-candidate]').click();
        const dialog = page.locator('[data-test=candidate-dialog]');
        await dialog.waitFor();
        await dialog.locator('[data-test=field-title]').fill('未保存的职务');
        await page.locator('[data-test=dialog-cancel]:visible').click();
        await answerDiscard(page, false);
        check(await dialog.isVisible(), '继续编辑 closed the dialog');
        check((await dialog.locator('[data-test=field-title]').inputValue()) === '未保存的职务', '继续编辑 lost the edit');
        await page.keyboard.press('Escape');
        await answerDiscard(page, true);
        await dialog.waitFor({ state: 'hidden' });
        check((await row.locator('[data-test=cand-title]').innerText()).trim() === state.oldTitle, 'a discarded edit changed the table');
        // Closing an untouched dialog asks nothing.
        await row.locator('[data-test=edit-candidate]').click();
        await dialog.waitFor();
        check((await dialog.locator('[data-test=field-title]').inputValue()) === state.oldTitle, 'the dialog kept the discarded edit');
        await page.locator('[data-test=dialog-cancel]:visible').click();
        await dialog.waitFor({ state: 'hidden' });
        check((await page.locator('.ss-discard-box').count()) === 0, 'an untouched dialog asked before closing');

        await row.locator('[data-test=edit-candidate]').click();
        await dialog.waitFor();
        await dialog.locator('[data-test=field-title]').fill(state.newTitle);
        await page.locator('[data-test=candidate-save]').click();
        await eventually(
          'saving without a reason asks for one under the field',
          () => dialog.locator('.el-form-item.is-error').innerText(),
          (t) => t.includes('更正原因'),
        );
        await dialog.locator('[data-test=field-reason]').fill(state.reason);
        await page.locator('[data-test=candidate-save]').click();
        await toast(page, '已保存');
        await dialog.waitFor({ state: 'hidden' });
        await eventually('the table shows the new title', () => row.locator('[data-test=cand-title]').innerText(), (t) => t.trim() === state.newTitle);
        const saved = await pageFetch(page, 'GET', api(`/admin/candidates?q=${EXPECTED.candidate.no}`));
        const c = saved.json?.items?.find((x) => x.no === EXPECTED.candidate.no);
        check(c?.title === state.newTitle, `the server has the title "${c?.title}"`);
        await screenshot(page, '2-edited');
      },
    },
    {
      name: `修改${EXPECTED.other.name}的${EXPECTED.other.candidateNo}号被拒绝（403/404）`,
      async run() {
        const found = await pageFetch(page, 'GET', api(`/candidates?q=${EXPECTED.other.candidateNo}`));
        const other = found.json?.items?.find((c) => c.no === EXPECTED.other.candidateNo);
        check(other && other.district.code === EXPECTED.other.code, `candidate ${EXPECTED.other.candidateNo} is not in ${EXPECTED.other.name}: ${found.text}`);
        const answer = await pageFetch(page, 'PATCH', api(`/candidates/${other.id}`), {
          title: '越权修改',
          reason: '浏览器测试：越权修改',
        });
        check(answer.status === 403 || answer.status === 404, `PATCH of another district's candidate answered ${answer.status}: ${answer.text}`);
        check(['forbidden', 'not_found'].includes(answer.json?.code), `the refusal has code ${answer.json?.code}`);
        check(typeof answer.json?.message === 'string' && answer.json.message.length > 0, 'the refusal has no message');
        console.log(`    refused with ${answer.status} ${answer.json.code}: ${answer.json.message}`);
        const after = await fetch(`${BASE_URL}${api(`/candidates/${other.id}`)}`).then((r) => r.json());
        check(after.title !== '越权修改', 'the other district\'s candidate was changed anyway');
      },
    },
    {
      name: '导入含错误行的名单：预览标红，不能确认导入，什么也没导入',
      async run() {
        await openCandidates();
        // Two 海南区 candidates other than 97, with their parent units, in the template's columns.
        const list = await pageFetch(page, 'GET', api(`/admin/candidates?district=${EXPECTED.district.code}&status=active&page_size=100`));
        const picks = list.json.items.filter((c) => c.no !== EXPECTED.candidate.no).slice(0, 2);
        check(picks.length === 2, `found only ${picks.length} other candidates in ${EXPECTED.district.name}`);
        const rows = [EXPECTED.header];
        for (const c of picks) {
          const detail = await fetch(`${BASE_URL}${api(`/candidates/${c.id}`)}`).then((r) => r.json());
          rows.push([c.no, c.name, c.gender, c.title, c.unit.code, c.unit.name, detail.parent?.name ?? '', c.district.name, c.group_name]);
        }
        state.importRows = rows;
        state.importTarget = picks[1];
        const bad = rows.map((r) => [...r]);
        bad[2][2] = '未知';
        // And a row of another district, well formed: both problems are reported in one pass.
        const found = await pageFetch(page, 'GET', api(`/candidates?q=${EXPECTED.other.candidateNo}`));
        const other = found.json?.items?.find((c) => c.no === EXPECTED.other.candidateNo);
        check(other, `candidate ${EXPECTED.other.candidateNo} is not listed: ${found.text}`);
        bad.push([other.no, other.name, other.gender, other.title, other.unit.code, '', '', '', '']);
        const badFile = join(workDir, 'roster-bad.xlsx');
        await writeExcelFile([{ sheet: '名单', data: bad }]).toFile(badFile);

        await page.locator('[data-test=import-roster]').click();
        const dialog = page.locator('[data-test=import-dialog]');
        await dialog.waitFor();
        await dialog.locator('input[type=file]').setInputFiles(badFile);
        await eventually('the file is read and checked', () => dialog.locator('[data-test=import-status]').getAttribute('data-stage'), (s) => s === 'checked');
        const badRows = dialog.locator('tr.import-row--error');
        await eventually('both bad rows are marked red at once', () => badRows.count(), (n) => n === 2);
        const lines = await texts(badRows.locator('[data-test=import-line]'));
        check(JSON.stringify(lines) === JSON.stringify(['3', '4']), `the marked rows are lines ${lines.join(', ')}, expected 3 and 4`);
        const badRow = badRows.first();
        const problems = await badRow.locator('[data-test=import-row-errors]').innerText();
        check(problems.includes('性别'), `the marked row's problem reads "${problems}"`);
        const outside = await badRows.nth(1).locator('[data-test=import-row-errors]').innerText();
        check(outside.includes('不在本区'), `the other district's row reads "${outside}"`);
        check((await dialog.locator('.ok', { hasText: '✓' }).count()) === 1, 'only the good row (line 2) may have a ✓');
        // On a 1366×768 laptop the buttons stay on the screen, the preview scrolls in the dialog.
        const before = page.viewportSize();
        await page.setViewportSize({ width: 1366, height: 768 });
        const confirm = await eventually('确认导入 is on a 1366×768 screen', () => page.locator('[data-test=import-confirm]').boundingBox(), (b) => b && b.y + b.height <= 768);
        check(confirm.y >= 0, `确认导入 is above the window (y ${confirm.y})`);
        await screenshot(page, '3a-import-1366x768');
        await page.setViewportSize(before);
        const cellMarked = await badRow.locator('td.import-cell--error').count();
        // A checked file not imported is not closed without a word either.
        await page.locator('[data-test=import-cancel]').click();
        await answerDiscard(page, false);
        check(await dialog.isVisible(), '继续编辑 closed the import dialog');
        check(cellMarked >= 1, 'the 性别 cell is not highlighted');
        check(await page.locator('[data-test=import-confirm]').isDisabled(), '确认导入 is enabled although a row is bad');
        const status = await dialog.locator('[data-test=import-status]').innerText();
        check(status.includes('未导入'), `the status reads "${status}"`);
        await screenshot(page, '3-import-bad');

        const now = await pageFetch(page, 'GET', api(`/admin/candidates?q=${state.importTarget.no}&status=all`));
        const target = now.json.items.find((c) => c.no === state.importTarget.no);
        check(target.gender === state.importTarget.gender && target.title === state.importTarget.title, 'the bad file changed the roster');
      },
    },
    {
      name: '改正后导入成功，显示新增/更新/未变人数',
      async run() {
        const dialog = page.locator('[data-test=import-dialog]');
        if (!(await dialog.isVisible())) {
          await openCandidates();
          await page.locator('[data-test=import-roster]').click();
          await dialog.waitFor();
        }
        check(state.importRows, 'the previous step built no rows');
        const good = state.importRows.map((r) => [...r]);
        const t = String(good[2][3]);
        good[2][3] = t.endsWith(IMPORT_MARK) ? t.slice(0, -IMPORT_MARK.length) : `${t}${IMPORT_MARK}`;
        const expectedTitle = good[2][3];
        const goodFile = join(workDir, 'roster-good.xlsx');
        await writeExcelFile([{ sheet: '名单', data: good }]).toFile(goodFile);

        await dialog.locator('input[type=file]').setInputFiles(goodFile);
        await eventually('the fixed file is checked', () => dialog.locator('[data-test=import-status]').getAttribute('data-stage'), (s) => s === 'checked');
        check((await dialog.locator('tr.import-row--error').count()) === 0, 'the fixed file still has red rows');
        const reason = dialog.locator('[data-test=import-reason]');
        if (await reason.count()) await reason.fill(`浏览器测试：导入更正 ${runStamp}`);
        const confirm = page.locator('[data-test=import-confirm]');
        await eventually('确认导入 becomes enabled', () => confirm.isEnabled(), (v) => v === true);
        await confirm.click();
        await toast(page, '导入成功');
        const result = dialog.locator('[data-test=import-result]');
        await result.waitFor();
        const counts = {
          inserts: Number(await result.getAttribute('data-inserts')),
          updates: Number(await result.getAttribute('data-updates')),
          unchanged: Number(await result.getAttribute('data-unchanged')),
        };
        check(JSON.stringify(counts) === JSON.stringify({ inserts: 0, updates: 1, unchanged: 1 }), `the counts are ${JSON.stringify(counts)}`);
        const message = await texts(page.locator('.el-message--success'));
        console.log(`    ${message.find((m) => m.includes('导入成功'))}`);
        await screenshot(page, '4-import-done');

        const now = await pageFetch(page, 'GET', api(`/admin/candidates?q=${state.importTarget.no}&status=all`));
        const target = now.json.items.find((c) => c.no === state.importTarget.no);
        check(target.title === expectedTitle, `after the import the title is "${target.title}", expected "${expectedTitle}"`);
        await page.keyboard.press('Escape');
        await page.locator('[data-test=import-dialog]').waitFor({ state: 'hidden' });
      },
    },
    {
      name: '从 Excel 导入组织单位：在本区街道下新增一个社区',
      async run() {
        await page.locator('[data-test=admin-menu] .el-menu-item', { hasText: '组织单位' }).click();
        await eventually('the 组织单位 page opens', () => page.url(), (u) => new URL(u).pathname === '/admin/org-units');
        const before = await pageFetch(page, 'GET', `/api/v1/campaigns/${campaignId}/org-units`);
        // A code unique to this run, so the test can run again on the same database.
        const code = `1503030049${String(Date.now() % 100).padStart(2, '0')}`;
        const file = join(workDir, 'org-units.xlsx');
        await writeExcelFile([{
          sheet: '组织单位',
          data: [['单位代码', '单位名称', '层级', '上级单位代码', '上级单位', '所属区'],
                 [code, `测试社区${runStamp}`, '社区', '150303004', '拉僧仲街道', EXPECTED.district.name]],
        }]).toFile(file);
        await page.locator('[data-test=import-org-units]').click();
        const dialog = page.locator('[data-test=import-dialog]');
        await dialog.waitFor();
        await dialog.locator('input[type=file]').setInputFiles(file);
        await eventually('the file is checked', () => dialog.locator('[data-test=import-status]').getAttribute('data-stage'), (s) => s === 'checked');
        check((await dialog.locator('tr.import-row--error').count()) === 0, 'the org-unit file has red rows');
        const reason = dialog.locator('[data-test=import-reason]');
        if (await reason.count()) await reason.fill(`浏览器测试：新设社区 ${runStamp}`);
        const confirm = page.locator('[data-test=import-confirm]');
        await eventually('确认导入 becomes enabled', () => confirm.isEnabled(), (v) => v === true);
        await confirm.click();
        await toast(page, '导入成功');
        const after = await pageFetch(page, 'GET', `/api/v1/campaigns/${campaignId}/org-units`);
        check(after.json.total === before.json.total + 1, `org units went from ${before.json.total} to ${after.json.total}`);
        await screenshot(page, '5-org-units-imported');
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
      },
    },
    {
      name: `生成投票码：为${EXPECTED.district.name}的党支部生成 5 个，表格显示未使用 5`,
      async run() {
        await openBallotCodes();
        await page.locator('[data-test=add-batch]').click();
        const dialog = page.locator('[data-test=batch-dialog]');
        await dialog.waitFor();
        const district = await dialog.locator('[data-test=batch-district]').innerText();
        check(district.includes(EXPECTED.district.name), `the district field reads "${district}", expected ${EXPECTED.district.name}`);
        check((await dialog.locator('[data-test=batch-district] .is-disabled').count()) > 0, 'a district admin may pick another district');

        // Without a branch the form says so under the field and sends nothing.
        await page.locator('[data-test=batch-save]').click();
        await eventually('saving without a branch asks for one', () => dialog.locator('.el-form-item.is-error').innerText(), (t) => t.includes('请填写党支部名称'));

        await dialog.locator('input[data-test=batch-branch], [data-test=batch-branch] input').first().fill(state.branch);
        const count = dialog.locator('input[data-test=batch-count], [data-test=batch-count] input').first();
        await count.fill('5');
        await count.press('Tab');
        await page.locator('[data-test=batch-save]').click();
        await toast(page, '生成 5 个投票码');
        await dialog.waitFor({ state: 'hidden' });
        const shown = await eventually('the new batch is listed', batchCounts, (c) => c !== null);
        check(
          JSON.stringify(shown) === JSON.stringify({ district: EXPECTED.district.name, count: '5', unused: '5', redeemed: '0', revoked: '0' }),
          `the batch's row reads ${JSON.stringify(shown)}`,
        );
        const creator = await batchRow().innerText();
        check(creator.includes(USER), `the row does not name its maker ${USER}: "${creator}"`);

        const listed = await pageFetch(page, 'GET', api('/ballot-batches'));
        check(listed.status === 200, `GET ballot-batches answered ${listed.status}: ${listed.text}`);
        const batch = listed.json.items.find((b) => b.branch === state.branch);
        check(batch && batch.unused === 5 && batch.district === EXPECTED.district.code, `the server has ${JSON.stringify(batch)}`);
        const foreign = listed.json.items.filter((b) => b.district !== EXPECTED.district.code);
        check(foreign.length === 0, `a district admin is shown ${foreign.length} batches of other districts`);
        state.batchId = batch.id;
        await screenshot(page, '7-ballot-batch');
      },
    },
    {
      name: '查看投票码，作废一个（须填原因），未使用变为 4；导出的 Excel 一致',
      async run() {
        await openBallotCodes();
        await batchRow().locator('[data-test=view-codes]').click();
        const drawer = page.locator('[data-test=codes-drawer]');
        await drawer.waitFor();
        const codes = drawer.locator('[data-test=code-text]');
        await eventually('the drawer lists 5 codes', () => codes.count(), (n) => n === 5);
        const shown = await texts(codes);
        check(shown.every((c) => /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/.test(c)), `the codes read ${shown.join(', ')}`);
        const states = await texts(drawer.locator('[data-test=code-state]'));
        check(states.every((t) => t === '未使用'), `the states read ${states.join(', ')}`);

        const firstRow = drawer.locator('.el-table__body tr.el-table__row').first();
        const target = await firstRow.locator('[data-test=code-text]').getAttribute('data-code');
        await firstRow.locator('.el-checkbox').click();
        const revokeButton = drawer.locator('[data-test=revoke-selected]');
        await eventually('作废所选 counts the choice', () => revokeButton.innerText(), (t) => t.includes('（1）'));
        await revokeButton.click();
        const box = page.locator('.el-message-box');
        await box.waitFor();
        const question = await box.innerText();
        check(question.includes('已经投出的票仍然有效'), `the question does not say that votes cast stay counted: "${question}"`);
        await box.locator('.el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary').last().click();
        await eventually('作废 without a reason is refused', () => box.locator('.el-message-box__errormsg').innerText(), (t) => t.includes('请填写作废原因'));
        const reason = `浏览器测试：纸条丢失 ${runStamp}`;
        await box.locator('textarea').fill(reason);
        await box.locator('.el-message-box__btns .el-button--danger, .el-message-box__btns .el-button--primary').last().click();
        await toast(page, '已作废 1 个投票码');
        const summary = drawer.locator('[data-test=codes-summary]');
        await eventually(
          'the drawer counts 4 unused and 1 revoked',
          async () => [await summary.getAttribute('data-unused'), await summary.getAttribute('data-revoked')],
          ([u, r]) => u === '4' && r === '1',
        );
        const revoked = drawer.locator(`[data-test=code-text][data-code="${target}"]`);
        check((await revoked.getAttribute('data-state')) === 'revoked', `the chosen code ${target} is ${await revoked.getAttribute('data-state')}`);
        await screenshot(page, '8-ballot-codes');

        const [download] = await Promise.all([page.waitForEvent('download'), drawer.locator('[data-test=export-codes]').click()]);
        const file = join(workDir, download.suggestedFilename());
        await download.saveAs(file);
        check(file.endsWith('.xlsx'), `the export is named ${download.suggestedFilename()}`);
        const book = await readExcelFile(file);
        const rows = (Array.isArray(book) ? book[0] : book)?.data ?? book;
        check(JSON.stringify(rows[0]) === JSON.stringify(['区', '党支部', '投票码', '状态', '使用时间', '作废时间']), `the export's header reads ${JSON.stringify(rows[0])}`);
        check(rows.length === 6, `the export has ${rows.length - 1} codes`);
        const revokedRows = rows.slice(1).filter((r) => r[3] === '已作废');
        check(revokedRows.length === 1 && revokedRows[0][2].replace(/-/g, '') === target && revokedRows[0][5], `the export's revoked rows: ${JSON.stringify(revokedRows)}`);

        await page.keyboard.press('Escape');
        await drawer.waitFor({ state: 'hidden' });
        await eventually('the table shows 未使用 4, 已作废 1', batchCounts, (c) => c?.unused === '4' && c?.revoked === '1');

        const audit = await pageFetch(page, 'GET', `/api/v1/admin/audit?action=ballot_code.revoke&page_size=20`);
        check(audit.json?.items?.some((e) => e.reason === reason), `the audit log has no 作废投票码 with the reason: ${audit.text}`);
      },
    },
    {
      name: '下载二维码纸条 PDF（显示进度，文件以 %PDF 开头）',
      async run() {
        await openBallotCodes();
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), batchRow().locator('[data-test=download-slips]').click()]);
        const file = join(workDir, 'slips.pdf');
        await download.saveAs(file);
        check(download.suggestedFilename().endsWith('.pdf'), `the slips are named ${download.suggestedFilename()}`);
        const bytes = readFileSync(file);
        check(bytes.subarray(0, 5).toString('latin1') === '%PDF-', `the slips file starts with ${JSON.stringify(bytes.subarray(0, 8).toString('latin1'))}`);
        check(bytes.length > 10_000, `the slips file is only ${bytes.length} bytes`);
        await toast(page, '已下载');
        console.log(`    ${download.suggestedFilename()}: ${bytes.length} bytes`);
      },
    },
    {
      name: '审计日志里有这次职务修改（北京时间、原因、原值/新值）',
      async run() {
        await page.locator('[data-test=menu-audit]').click();
        await eventually('the 审计日志 page opens', () => page.url(), (u) => new URL(u).pathname === '/admin/audit');
        await page.locator('[data-test=audit-action]').click();
        await page.locator('.el-select-dropdown__item', { hasText: '修改参评书记' }).click();
        await page.locator('[data-test=audit-search-button]').click();
        const table = page.locator('[data-test=audit-table]');
        const row = table.locator('tr.el-table__row', { has: page.locator('[data-test=audit-reason]', { hasText: state.reason }) });
        await eventually('the title edit is listed with its reason', () => row.count(), (n) => n === 1);
        const action = await row.locator('[data-test=audit-action-name]').getAttribute('data-action');
        check(action === 'candidate.update', `the entry's action is ${action}`);
        const label = (await row.locator('[data-test=audit-action-name]').innerText()).trim();
        check(label === '修改参评书记', `the action reads "${label}"`);
        const at = (await row.locator('[data-test=audit-at]').innerText()).trim();
        const skew = Math.abs(Date.parse(`${at.replace(' ', 'T')}+08:00`) - Date.now());
        check(skew < 15 * 60_000, `the time "${at}" is not Beijing time now (${beijing(new Date())})`);
        const actor = (await row.locator('[data-test=audit-actor-name]').innerText()).trim();
        check(actor === USER, `the actor reads "${actor}"`);
        const target = (await row.locator('[data-test=audit-target]').innerText()).trim();
        const words = `参评书记 编号 ${EXPECTED.candidate.no} ${EXPECTED.candidate.name}`;
        check(target === words, `the 对象 column reads "${target}"`);

        // 对象 is picked by name, never typed as an id: only that candidate's entries remain.
        const edited = await pageFetch(page, 'GET', api(`/admin/candidates?q=${EXPECTED.candidate.no}`));
        const id = edited.json?.items?.find((x) => x.no === EXPECTED.candidate.no)?.id;
        await page.locator('[data-test=audit-target-filter] input').fill(EXPECTED.candidate.name);
        const option = page.locator('.el-select-dropdown__item', { hasText: `编号 ${EXPECTED.candidate.no} ${EXPECTED.candidate.name}` });
        await option.first().click();
        await page.locator('[data-test=audit-search-button]').click();
        await eventually('the address keeps the chosen 对象', () => new URL(page.url()).searchParams.get('target'), (t) => t === `candidate:${id}`);
        await eventually(
          'only the chosen candidate is listed',
          () => texts(table.locator('[data-test=audit-target]')),
          (all) => all.length > 0 && all.every((t) => t === words),
        );
        await page.locator('[data-test=audit-target-filter]').hover();
        await page.locator('[data-test=audit-target-filter] .el-select__clear').click();

        await row.locator('.el-table__expand-icon').click();
        const diff = page.locator('[data-test=audit-diff]').first();
        await diff.waitFor();
        const after = await texts(diff.locator('[data-test=diff-after]'));
        check(after.includes(state.newTitle), `the diff's new values are ${JSON.stringify(after)}`);
        if (state.oldTitle) {
          const before = await texts(diff.locator('[data-test=diff-before]'));
          check(before.includes(state.oldTitle), `the diff's old values are ${JSON.stringify(before)}`);
        }
        await screenshot(page, '5-audit');

        // The import's entry names the candidate of each change.
        await page.locator('[data-test=audit-action]').click();
        await page.locator('.el-select-dropdown__item', { hasText: '导入名单' }).click();
        await page.locator('[data-test=audit-search-button]').click();
        const imported = table.locator('tr.el-table__row').first();
        await eventually('the import is listed', () => imported.locator('[data-test=audit-action-name]').getAttribute('data-action'), (a) => a === 'roster.import');
        await imported.locator('.el-table__expand-icon').click();
        const importDiff = page.locator('[data-test=audit-diff]').first();
        await importDiff.waitFor();
        const labels = await texts(importDiff.locator('[data-test=diff-field]'));
        const who = `编号 ${state.importTarget.no} ${state.importTarget.name} · 职务`;
        check(labels.some((l) => l.startsWith(who)), `the import's changes read ${JSON.stringify(labels)}, expected one starting "${who}"`);
        check(!labels.some((l) => /^\d+\./.test(l)), `the import's changes still speak in list indexes: ${JSON.stringify(labels)}`);
        await screenshot(page, '5-audit-import');

        await page.setViewportSize({ width: 1024, height: 768 });
        const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
        check(widths.page <= widths.screen, `at 1024 px the page is ${widths.page}px wide`);
        await screenshot(page, '6-audit-1024');
        await page.setViewportSize({ width: 1366, height: 768 });
      },
    },
    {
      name: '活动设置（组织者）：未保存的修改在切换标签、离开页面前询问；权重与奖项的错误显示在字段旁',
      async run() {
        await pageFetch(page, 'POST', '/api/v1/auth/logout');
        await page.goto(`${BASE_URL}/admin/settings`);
        await eventually('signing out leads to the sign-in page', () => page.url(), (u) => new URL(u).pathname === '/admin/login');
        await page.locator('[data-test=login-username]').fill(ORGANIZER);
        await page.locator('[data-test=login-password]').fill(ORGANIZER_PASSWORD);
        await page.locator('[data-test=login-submit]').click();
        await eventually('the organizer reaches 活动设置', () => page.url(), (u) => new URL(u).pathname === '/admin/settings');
        const tabs = page.locator('[data-test=settings-tabs]');
        const tabItem = (title) => tabs.locator('.el-tabs__item', { hasText: title });
        const activeTab = async () => (await tabs.locator('.el-tabs__item.is-active').innerText()).trim();

        await tabItem('权重').click();
        const publicOpinion = page.locator('input[data-test=weight-public-opinion], [data-test=weight-public-opinion] input').first();
        await publicOpinion.fill('0.5');
        await publicOpinion.press('Tab');
        const sum = page.locator('[data-test=weight-sum]');
        const RULE = '民意测评、工作表现、综合评价三项权重之和须为 1';
        await eventually('the sum says the server\'s rule', () => sum.innerText(), (t) => t.includes('1.20') && t.includes(RULE));
        await page.locator('[data-test=save-weights]').click();
        await eventually(
          'the server\'s refusal is shown beside the sum, in the same words',
          () => sum.locator('[data-test=field-error]').innerText(),
          (t) => t.includes(RULE),
        );
        const boxes = await texts(page.locator('[data-test=section-errors], [data-test=settings-errors]'));
        check(!boxes.some((t) => t.includes(RULE)), `the rule is also in a box: ${JSON.stringify(boxes)}`);
        await screenshot(page, '9-settings-weights');

        // Another tab with the edit unsaved: asked; 继续编辑 stays, 放弃修改 goes and drops it.
        await tabItem('奖项名额').click();
        await answerDiscard(page, false);
        check((await activeTab()) === '权重 ●' || (await activeTab()) === '权重', `after 继续编辑 the tab is ${await activeTab()}`);
        check((await publicOpinion.inputValue()) === '0.50', `继续编辑 lost the weight: ${await publicOpinion.inputValue()}`);
        await tabItem('奖项名额').click();
        await answerDiscard(page, true);
        await eventually('放弃修改 opens 奖项名额', activeTab, (t) => t.startsWith('奖项名额'));

        // A quota above the group's size: the group named as people know it, beside its table.
        const campaign = await fetch(`${BASE_URL}${api('')}`).then((r) => r.json());
        const group = campaign.groups.find((g) => g.key === 'town_street');
        const awards = page.locator('[data-test=awards-town_street]');
        const count = awards.locator('.el-input-number input').first();
        await count.fill('40');
        await count.press('Tab');
        await page.locator('[data-test=save-awards]').click();
        const quota = await eventually('the quota refusal is shown beside the group', () => awards.locator('[data-test=field-error]').last().innerText(), (t) => t.includes('超过'));
        check(quota.includes(group.name) && !quota.includes('town_street'), `the quota message reads "${quota}"`);
        check((await page.locator('[data-test=section-errors]').count()) === 0, 'the quota message is (also) in a box');
        await screenshot(page, '10-settings-awards');

        // Leaving the page with it unsaved: asked; 继续编辑 stays on the page.
        await page.locator('[data-test=menu-audit]').click();
        await answerDiscard(page, false);
        check(new URL(page.url()).pathname === '/admin/settings', `继续编辑 left for ${page.url()}`);
        await page.locator('.actions .el-button', { hasText: '撤销修改' }).click();
        check((await count.inputValue()) !== '40', '撤销修改 kept the quota');
        await tabItem('阶段').click();
        await page.waitForTimeout(400);
        check((await page.locator('.ss-discard-box').count()) === 0, 'a tab without edits asked before switching');
        const saved = await fetch(`${BASE_URL}${api('')}`).then((r) => r.json());
        check(saved.weights.public_opinion === 0.3, `the weights changed on the server: ${JSON.stringify(saved.weights)}`);
      },
    },
    {
      name: '推进阶段：确认框说明提前结束几天；两个阶段的日期随之修改；公众页的当前阶段在其日期之内',
      async run() {
        const before = await fetch(`${BASE_URL}${api('')}`).then((r) => r.json());
        check(before.phase?.key === 'voting', `the campaign is in ${before.phase?.key}, expected voting`);
        const at = before.phases.findIndex((p) => p.key === 'voting');
        const voting = before.phases[at];
        const judging = before.phases[at + 1];
        const days = beijingDaysBetween(new Date(), new Date(voting.end));
        check(days > 0, `voting ends ${voting.end}: too late in the day to advance early`);

        if (new URL(page.url()).pathname !== '/admin/settings') await page.goto(`${BASE_URL}/admin/settings`);
        await page.locator('[data-test=advance-phase]').click();
        const question = page.locator('.el-message-box [data-test=advance-question]');
        await question.waitFor();
        const text = await question.innerText();
        check(text.includes(`「${voting.name}」将立即结束`) && text.includes(`提前 ${days} 天`), `the question reads "${text}"`);
        check(text.includes(`「${judging.name}」从现在开始`), `the question does not say ${judging.name} starts now: "${text}"`);
        await screenshot(page, '11-advance-question');
        await page.locator('.el-message-box .el-button', { hasText: '确定推进' }).click();
        await toast(page, `已推进到「${judging.name}」`);

        const now = Date.now();
        const after = await fetch(`${BASE_URL}${api('')}`).then((r) => r.json());
        check(after.phase?.key === 'judging', `after the advance the phase is ${after.phase?.key}`);
        const closed = after.phases[at];
        const opened = after.phases[at + 1];
        check(Date.parse(closed.end) <= now && Date.parse(closed.end) > now - 10 * 60_000, `voting now ends ${closed.end}`);
        check(Date.parse(opened.start) <= now && Date.parse(opened.end) >= now, `judging now runs ${opened.start} – ${opened.end}`);
        const audit = await pageFetch(page, 'GET', '/api/v1/admin/audit?action=campaign.phase');
        const entry = audit.json?.items?.[0];
        check(entry?.before?.phases?.[0]?.end === voting.end && entry?.after?.phases?.[1]?.start === opened.start, `the audit entry: ${audit.text}`);

        // The public home page on a phone: the current phase lies within the dates it shows.
        const phone = await context.newPage();
        await phone.setViewportSize({ width: 360, height: 740 });
        await phone.goto(`${BASE_URL}/`);
        const stage = phone.locator('[data-test=current-phase]');
        const shown = await eventually('the home page shows the new phase', () => stage.innerText(), (t) => t.includes(judging.name));
        check(shown.includes(beijingDay(new Date())), `the current phase's dates read "${shown}", expected to start today (${beijingDay(new Date())})`);
        await screenshots('public-')(phone, 'advanced-home');
        await phone.close();
      },
    },
  ];

  const result = await runSteps(page, pageErrors, steps, {
    errorSelector: '[data-test=error-message], [data-test=dialog-error], .el-message--error',
    screenshot,
  });
  return finish(context, workDir, result);
}

exitWith(main);
