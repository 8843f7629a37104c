#!/usr/bin/env node
// Browser test of 展示材料 (issue 9), the whole round on a server in the 材料提交 phase
// (init --demo --demo-phase showcase): candidate 97 (钟庆梅, account cand097) signs in to the
// console on a 1366×768 laptop, submits too early and sees the server's list beside the fields,
// fills the sections and themes, meets a save from another tab (conflict, reload), uploads a real
// video made by ffmpeg, where one PATCH is cut off (tus goes on from the server's offset), then
// pauses, reloads the page and chooses the same file again (it goes on from the kept percent),
// waits for the transcode; chooses three photos at once (a JPEG made by ffmpeg with an EXIF
// orientation and a GPS position, a PNG and a damaged file), sees each upload and its processing,
// the damaged one refused, removes it, captions and reorders the other two, saves, and submits;
// the 海南区
// district admin returns it with a comment (an empty one is refused); the candidate sees the
// comment, edits and resubmits; the admin approves; the public page on a 360×740 phone shows the
// poster first, the photos (srcset; the served 480 px JPEG turned upright and without EXIF),
// the themes and the sections, and the video plays. Version 3 removes a photo and changes a
// caption, which the review page names against version 2.
//
// Last, the organizer moves the campaign on to 审核: the district admin approves version 3 there
// and then corrects the showcase, which the page refuses without a 更正原因 and saves with one.
//
//   BASE_URL=http://127.0.0.1:PORT CANDIDATE_PASSWORD=… DISTRICT_PASSWORD=… ORGANIZER_PASSWORD=… node tests/browser/showcase.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_URL, SCREENSHOT_DIR, check, eventually, exitWith, finish, launch, pageFetch, requireWeb, runSteps, screenshots, StepFailure, texts, toast, unreachable } from './harness.mjs';

const CANDIDATE_USER = process.env.CANDIDATE_USER ?? 'cand097';
const CANDIDATE_PASSWORD = process.env.CANDIDATE_PASSWORD ?? '';
const DISTRICT_USER = process.env.DISTRICT_USER ?? 'hainan';
const DISTRICT_PASSWORD = process.env.DISTRICT_PASSWORD ?? '';
// The organizer moves the campaign on to 审核 for the last step (a correction needs a reason).
const ORGANIZER_USER = process.env.ORGANIZER_USER ?? 'organizer';
const ORGANIZER_PASSWORD = process.env.ORGANIZER_PASSWORD ?? '';
const CANDIDATE = { id: 97, name: '钟庆梅' };
const TRANSCODE_MS = Number(process.env.TRANSCODE_MS ?? 120_000);
// How long the photos' processing may take on a busy machine (it is ~1 s each).
const PHOTO_MS = Number(process.env.PHOTO_MS ?? 60_000);

if (!BASE_URL || !CANDIDATE_PASSWORD || !DISTRICT_PASSWORD || !ORGANIZER_PASSWORD) {
  console.error('BASE_URL, CANDIDATE_PASSWORD, DISTRICT_PASSWORD and ORGANIZER_PASSWORD must be set (the users default to cand097, hainan and organizer)');
  process.exit(2);
}
const { chromium } = requireWeb('playwright-core');
const screenshot = screenshots('showcase-');

/** A 4-second 1280×720 H.264/AAC video with noise (about 4 MB: several 1 MB tus pieces). */
function makeVideo(dir) {
  const file = join(dir, '宣讲视频.mp4');
  execFileSync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc=duration=4:size=1280x720:rate=25,noise=alls=40:allf=t',
    '-f', 'lavfi', '-i', 'sine=duration=4',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '8M', '-maxrate', '8M', '-bufsize', '4M', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-shortest', file,
  ]);
  return file;
}

/**
 * An EXIF block (big-endian TIFF) with Orientation 6 (turn 90° clockwise to show) and a GPS
 * latitude, put into a JPEG after its JFIF header: what a phone's camera writes.
 */
function withExif(jpeg) {
  const tiff = Buffer.alloc(92);
  const entry = (at, tag, type, count, fill) => {
    tiff.writeUInt16BE(tag, at);
    tiff.writeUInt16BE(type, at + 2);
    tiff.writeUInt32BE(count, at + 4);
    fill(at + 8);
  };
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0
  tiff.writeUInt16BE(2, 8);
  entry(10, 0x0112, 3, 1, (v) => tiff.writeUInt16BE(6, v)); // Orientation
  entry(22, 0x8825, 4, 1, (v) => tiff.writeUInt32BE(38, v)); // GPS IFD
  tiff.writeUInt16BE(2, 38);
  entry(40, 0x0001, 2, 2, (v) => tiff.write('N\0', v, 'latin1')); // GPSLatitudeRef
  entry(52, 0x0002, 5, 3, (v) => tiff.writeUInt32BE(68, v)); // GPSLatitude
  [[39, 1], [40, 1], [1234, 100]].forEach(([n, d], i) => {
    tiff.writeUInt32BE(n, 68 + i * 8);
    tiff.writeUInt32BE(d, 72 + i * 8);
  });
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const marker = Buffer.from([0xff, 0xe1, 0, 0]);
  marker.writeUInt16BE(body.length + 2, 2);
  const at = jpeg[2] === 0xff && jpeg[3] === 0xe0 ? 4 + jpeg.readUInt16BE(4) : 2;
  return Buffer.concat([jpeg.subarray(0, at), marker, body, jpeg.subarray(at)]);
}

/** Two photos (a 1600×1200 JPEG taken "sideways" with a GPS position, an 800×600 PNG) and a damaged one. */
function makePhotos(dir) {
  const raw = join(dir, 'raw.jpg');
  const jpeg = join(dir, '村民议事会.jpg');
  const png = join(dir, '入户走访.png');
  const broken = join(dir, '损坏的照片.jpg');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=1600x1200', '-frames:v', '1', raw]);
  writeFileSync(jpeg, withExif(readFileSync(raw)));
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=800x600', '-frames:v', '1', png]);
  writeFileSync(broken, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('这不是一张照片。'.repeat(200))]));
  return { jpeg, png, broken, names: { jpeg: '村民议事会.jpg', png: '入户走访.png', broken: '损坏的照片.jpg' } };
}

/** Text for a section: long enough to submit (20 characters at least), in two paragraphs. */
function sectionText(title, extra = '') {
  return `围绕“${title}”，我们坚持党建引领，把支部建在网格上，组织党员联系群众、解决难事。\n第二段：建立问题清单、责任清单和成效清单，逐项销号。${extra}`;
}

/** Clicks the confirming button of the ElMessageBox that is open. */
async function confirmBox(page, label) {
  const box = page.locator('.el-message-box');
  await box.waitFor();
  await box.locator('.el-button', { hasText: label }).click();
  await box.waitFor({ state: 'hidden' });
}

/** Polls longer than WAIT_MS (the transcode). */
async function within(ms, what, probe, accept) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await probe().catch((e) => `error: ${e.message}`);
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new StepFailure(`${what} (saw ${JSON.stringify(last)})`);
}

async function main() {
  const probe = await fetch(`${BASE_URL}/api/v1/campaigns`).catch((e) => e);
  if (probe instanceof Error) return unreachable(probe);
  const campaign = (await probe.json()).items?.[0];
  check(campaign, 'GET /api/v1/campaigns lists no campaign');

  const workDir = mkdtempSync(join(tmpdir(), 'shuangshai-showcase-'));
  const video = makeVideo(workDir);
  console.log(`    test video ${video}: ${statSync(video).size} bytes`);
  const photos = makePhotos(workDir);
  // Refused requests (the early submit, the empty comment, the cut-off PATCH) are expected here.
  const expectedConsole = (text) => /status of 4\d\d/.test(text) || text.includes('at.alicdn.com') || text.includes('ERR_CONNECTION_RESET') || text.includes('ERR_FAILED');
  const { context, page, pageErrors } = await launch(
    chromium,
    join(workDir, 'profile'),
    { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'America/New_York' },
    expectedConsole,
  );
  // A reload while an upload runs asks first (useUnsavedChanges): the test answers "leave".
  page.on('dialog', (d) => void d.accept());

  const sectionBox = (title) => page.locator(`[data-test=showcase-section][data-section="${title}"]`);
  const stateTag = page.locator('[data-test=showcase-state]');
  const state = {
    sections: [],
    themes: [],
    keptPercent: 0,
    keptOffset: 0,
    comment: '请在“工作成效”一栏补充具体的数据和群众评价。',
    edit: '新增：服务群众 1200 人次，办结民生实事 36 件。',
    captions: { jpeg: '村民议事会现场，大家围坐议事', png: '入户走访困难群众' },
    uploads: {},
  };
  const photoItem = (which) => page.locator(`[data-test=photo-item][data-filename="${photos.names[which]}"]`);
  const photoOrder = () => page.locator('[data-test=photo-item]').evaluateAll((els) => els.map((e) => e.dataset.filename));

  async function signIn(user, password, landing) {
    await context.clearCookies();
    await page.goto(`${BASE_URL}/admin/login`);
    await page.locator('[data-test=login-username]').fill(user);
    await page.locator('[data-test=login-password]').fill(password);
    await page.locator('[data-test=login-submit]').click();
    await eventually(`${user} lands on ${landing}`, () => page.url(), (u) => new URL(u).pathname === landing);
  }

  async function openWorkspace() {
    await page.locator('[data-test=showcase-workspace]').waitFor();
  }

  async function openReview() {
    await page.goto(`${BASE_URL}/admin/showcase-review`);
    const row = page.locator('[data-test=showcase-queue] tr.el-table__row', { has: page.locator(`[data-test=queue-name][data-candidate="${CANDIDATE.id}"]`) });
    await eventually(`${CANDIDATE.name} waits in the queue`, () => row.count(), (n) => n === 1);
    check((await row.locator('[data-test=queue-state]').innerText()).trim() === '待审核', 'the queue row does not read 待审核');
    await row.locator('[data-test=queue-open]').click();
    await page.locator(`[data-test=showcase-review-detail][data-candidate="${CANDIDATE.id}"] [data-test=version-meta]`).waitFor();
  }

  const steps = [
    {
      name: '参评书记登录后台：菜单只有“展示材料”，看到本人的草稿和栏目、主题',
      async run() {
        await signIn(CANDIDATE_USER, CANDIDATE_PASSWORD, '/admin/showcase');
        const menu = (await texts(page.locator('[data-test=admin-menu] .el-menu-item'))).map((t) => t.split('\n')[0].trim());
        check(JSON.stringify(menu) === JSON.stringify(['展示材料']), `a candidate's menu reads ${JSON.stringify(menu)}`);
        await openWorkspace();
        check((await page.locator('[data-test=showcase-who]').innerText()).includes(CANDIDATE.name), 'the workspace is not 钟庆梅’s');
        check((await page.locator('[data-test=showcase-candidate]').count()) === 0, 'a candidate is offered a candidate picker');
        check((await stateTag.innerText()).trim() === '草稿', `the state reads ${await stateTag.innerText()}`);
        state.sections = (await page.locator('[data-test=showcase-section]').evaluateAll((els) => els.map((e) => e.dataset.section)));
        state.themes = await page.locator('[data-test=theme-option]').evaluateAll((els) => els.map((e) => e.dataset.theme));
        check(state.sections.length >= 2, `the sections are ${JSON.stringify(state.sections)}`);
        check(state.themes.length >= 3, `the themes offered are ${JSON.stringify(state.themes)}`);
        check((await page.locator('[data-test=photo-limit]').innerText()).includes('已有 0 / 9 张'), `the photo limit reads ${await page.locator('[data-test=photo-limit]').innerText()}`);
        await screenshot(page, '1-empty-workspace');
      },
    },
    {
      name: '过早提交：服务器列出缺少的部分，显示在对应栏目和视频旁边',
      async run() {
        await sectionBox(state.sections[0]).locator('textarea').fill(sectionText(state.sections[0]));
        await page.locator('[data-test=showcase-submit]').click();
        await confirmBox(page, '提交审核');
        const second = sectionBox(state.sections[1]).locator('.el-form-item__error');
        const text = await eventually('the second section shows the server’s message', () => second.innerText(), (t) => t.includes(state.sections[1]));
        console.log(`    beside “${state.sections[1]}”: ${text.trim()}`);
        const videoError = page.locator('[data-test=showcase-video] .el-form-item__error');
        await eventually('the video shows 请上传宣讲视频', () => videoError.innerText(), (t) => t.includes('请上传宣讲视频'));
        await eventually('the themes show their message', () => page.locator('[data-test=showcase-themes] .el-form-item__error').innerText(), (t) => t.includes('主题'));
        check((await sectionBox(state.sections[0]).locator('.el-form-item__error').count()) === 0, 'the filled section shows an error');
        check((await stateTag.innerText()).trim() === '草稿', 'the showcase left 草稿 although incomplete');
        await screenshot(page, '2-incomplete');
      },
    },
    {
      name: '填写全部栏目、选择两个主题（最多三个），保存草稿',
      async run() {
        for (const title of state.sections) await sectionBox(title).locator('textarea').fill(sectionText(title));
        await page.locator(`[data-test=theme-option][data-theme="${state.themes[0]}"]`).click();
        await page.locator(`[data-test=theme-option][data-theme="${state.themes[2]}"]`).click();
        const count = await sectionBox(state.sections[0]).locator('[data-test=section-count]').innerText();
        check(/^\d+ \/ 3000 字/.test(count.trim()), `the count reads "${count}"`);
        check((await page.locator('[data-test=showcase-dirty]').count()) === 1, 'unsaved edits are not marked');
        await page.locator('[data-test=showcase-save]').click();
        await toast(page, '已保存草稿');
        await eventually('the save is shown', () => page.locator('[data-test=showcase-saved]').innerText(), (t) => t.includes(CANDIDATE_USER));
        check((await page.locator('[data-test=showcase-dirty]').count()) === 0, 'still marked unsaved after saving');
        const missing = await page.locator('[data-test=showcase-missing]').innerText();
        check(missing.includes('请上传宣讲视频') && !missing.includes('主题'), `the checklist reads "${missing}"`);
      },
    },
    {
      name: '另一个标签页先保存了：本页保存被拒绝，显示服务器的提示，可重新加载',
      async run() {
        const other = await context.newPage();
        try {
          await other.goto(`${BASE_URL}/admin/showcase`);
          await other.locator('[data-test=showcase-workspace]').waitFor();
          const theirs = other.locator(`[data-test=showcase-section][data-section="${state.sections[3]}"] textarea`);
          await theirs.fill(`${await theirs.inputValue()}（另一个标签页）`);
          await other.locator('[data-test=showcase-save]').click();
          await toast(other, '已保存草稿');
        } finally {
          await other.close();
        }
        const mine = sectionBox(state.sections[4]).locator('textarea');
        await mine.fill(`${await mine.inputValue()}（本页）`);
        await page.locator('[data-test=showcase-save]').click();
        const box = page.locator('.el-message-box');
        const said = await eventually('the conflict is explained', () => box.innerText(), (t) => t.includes('已被他人修改'));
        check(said.includes('重新加载'), `the conflict box offers no reload: "${said}"`);
        await screenshot(page, '3b-conflict');
        await box.locator('.el-button', { hasText: '重新加载' }).click();
        await eventually('the other tab’s save is loaded', () => sectionBox(state.sections[3]).locator('textarea').inputValue(), (v) => v.includes('（另一个标签页）'));
        check(!(await mine.inputValue()).includes('（本页）'), 'the stale edit is still shown after the reload');
      },
    },
    {
      name: '上传视频：一次 PATCH 被切断后从服务器的断点继续；暂停、刷新页面，再选同一文件从已保存的百分比继续',
      async run() {
        const patches = [];
        let cut = false;
        let slow = true;
        await page.route('**/api/v1/uploads/*', async (route) => {
          const req = route.request();
          if (req.method() !== 'PATCH') return route.continue();
          const offset = Number(req.headers()['upload-offset']);
          patches.push(offset);
          if (!cut && offset > 0) {
            cut = true; // the second piece: the connection drops
            return route.abort('connectionreset');
          }
          if (slow) await new Promise((r) => setTimeout(r, 600)); // a slow line, so that 暂停 can be pressed mid-way
          return route.continue().catch(() => {});
        });
        await page.locator('[data-test=video-file]').setInputFiles(video);
        const progress = page.locator('[data-test=upload-progress]');
        await progress.waitFor();
        await eventually('the details show bytes and a speed', () => page.locator('[data-test=upload-details]').innerText(), (t) => /MB \/ [\d.]+ MB · [\d.]+ (KB|MB)\/s/.test(t));
        const percent = await eventually('the upload passes 40%', () => progress.getAttribute('data-percent').then(Number), (p) => p >= 40 && p < 100);
        const cutAt = patches.findIndex((o) => o > 0);
        check(cut && patches.slice(cutAt + 1).includes(patches[cutAt]), `after the cut the same offset was not sent again: PATCH offsets ${JSON.stringify(patches)}`);
        check(!patches.slice(cutAt + 1).includes(0), `after the cut the upload started over: ${JSON.stringify(patches)}`);
        await screenshot(page, '3-uploading');
        await page.locator('[data-test=upload-pause]').click();
        const kept = await eventually('paused, with the percent the server kept', () => page.locator('[data-test=upload-kept]').innerText(), (t) => /\d/.test(t));
        state.keptPercent = Number(/([\d.]+)%/.exec(kept)[1]);
        check(state.keptPercent > 0 && state.keptPercent <= percent + 25, `the server kept ${state.keptPercent}% (shown ${percent}%)`);
        console.log(`    cut once at offset ${patches[cutAt]}, paused at ${percent}%, the server kept ${state.keptPercent}%`);
        await screenshot(page, '4-paused');

        await page.reload();
        await openWorkspace();
        const pending = page.locator('[data-test=upload-pending]');
        await pending.waitFor();
        check(Number(await pending.getAttribute('data-percent')) === state.keptPercent, `after the reload the pending upload says ${await pending.getAttribute('data-percent')}%`);
        await screenshot(page, '5-pending-after-reload');
        const before = patches.length;
        slow = false;
        await page.locator('[data-test=video-file]').setInputFiles(video);
        await page.locator('[data-test=upload-resumed]').waitFor();
        await eventually('the upload finishes', () => progress.getAttribute('data-percent').then(Number), (p) => p === 100);
        const after = patches.slice(before);
        check(after.length > 0 && after[0] > 0, `after the reload the upload started from ${after[0]} (PATCH offsets ${JSON.stringify(after)})`);
        console.log(`    after the reload it went on from byte ${after[0]}`);
        await page.unroute('**/api/v1/uploads/*');
        await toast(page, '视频已上传');
      },
    },
    {
      name: '等待视频处理完成（显示处理进度），可以播放',
      async run() {
        const preview = page.locator('[data-test=showcase-video] [data-test=video-preview]');
        const seen = new Set();
        await within(TRANSCODE_MS, 'the transcode finishes', async () => {
          const s = await preview.getAttribute('data-state');
          if (s === 'running' && !seen.has(s)) await screenshot(page, '5b-processing');
          seen.add(s);
          return s;
        }, (s) => s === 'done' || s === 'failed');
        console.log(`    video states seen: ${[...seen].join(' → ')}`);
        check((await preview.getAttribute('data-state')) === 'done', `the transcode ended ${await preview.getAttribute('data-state')}: ${await preview.innerText()}`);
        const player = preview.locator('video');
        check((await player.getAttribute('preload')) === 'none' && (await player.getAttribute('poster'))?.endsWith('/poster.jpg'), 'the player is not poster-first');
        check((await page.locator('[data-test=showcase-missing]').innerText()).includes('内容已齐全'), 'the checklist still lists something');
        await screenshot(page, '6-video-ready');
      },
    },
    {
      name: '一次选择三张照片（一张已损坏）：各自上传、处理，两张显示缩略图，损坏的一张说明原因，提交时服务器的意见标在这张照片上',
      async run() {
        // A slow line, so that the three cards are seen going up side by side.
        await page.route('**/api/v1/uploads/*', async (route) => {
          if (route.request().method() === 'PATCH') await new Promise((r) => setTimeout(r, 1500));
          return route.continue().catch(() => {});
        });
        await page.locator('[data-test=photo-file]').setInputFiles([photos.jpeg, photos.png, photos.broken]);
        const editor = page.locator('[data-test=photo-editor]');
        await eventually('three photos go up, each on its own card', () => page.locator('[data-test=photo-uploading]').count(), (n) => n === 3);
        await screenshot(page, '6p1-photos-uploading');
        await page.unroute('**/api/v1/uploads/*');
        await within(PHOTO_MS, 'the three photos are uploaded', () => editor.evaluate((e) => `${e.dataset.count}/${e.dataset.sending}`), (v) => v === '3/0');
        await toast(page, '照片已上传');
        const states = await within(PHOTO_MS, 'the photos are processed', () => page.locator('[data-test=photo-item]').evaluateAll((els) => els.map((e) => `${e.dataset.filename}:${e.dataset.state}`).sort().join(' ')), (v) => !/queued|running|uploading|unknown/.test(v));
        console.log(`    photos: ${states}`);
        check((await photoItem('jpeg').getAttribute('data-state')) === 'done' && (await photoItem('png').getAttribute('data-state')) === 'done', `the photos ended ${states}`);
        check((await photoItem('broken').getAttribute('data-state')) === 'failed', `the damaged photo ended ${await photoItem('broken').getAttribute('data-state')}`);
        const why = await photoItem('broken').locator('[data-test=photo-status]').innerText();
        check(/未通过检查：.*(损坏|不是照片)/.test(why), `the damaged photo says "${why}"`);
        console.log(`    the damaged photo: ${why.trim()}`);
        check((await photoItem('jpeg').locator('[data-test=photo-thumb] img').getAttribute('src'))?.endsWith('/480.jpg'), 'the thumbnail is not the 480 px JPEG');
        const missing = await page.locator('[data-test=showcase-missing]').innerText();
        check(missing.includes('照片未通过检查'), `the checklist does not name the damaged photo: "${missing}"`);
        // Submitting now: the server's refusal about that photo stands on its card.
        await page.locator('[data-test=showcase-submit]').click();
        await confirmBox(page, '提交审核');
        const refusal = await eventually('the refusal stands by the damaged photo', () => photoItem('broken').locator('[data-test=photo-error]').innerText(), (t) => t.trim().length > 0);
        console.log(`    the server beside the damaged photo: ${refusal.trim()}`);
        check((await photoItem('jpeg').locator('[data-test=photo-error]').count()) === 0, 'a processed photo shows an error');
        check((await stateTag.innerText()).trim() === '草稿', 'submitted with a damaged photo');
        await screenshot(page, '6p2-photos-processed');
      },
    },
    {
      name: '删除损坏的照片，写说明（超过 60 字标红），调整顺序，保存草稿',
      async run() {
        await photoItem('broken').locator('[data-test=photo-remove]').click();
        await eventually('the damaged photo is gone', () => page.locator('[data-test=photo-item]').count(), (n) => n === 2);
        const long = '字'.repeat(61);
        await photoItem('jpeg').locator('textarea[data-test=photo-caption]').fill(long);
        await eventually('a caption over 60 is marked', () => photoItem('jpeg').locator('[data-test=photo-error]').innerText(), (t) => t.includes('不能超过 60 字'));
        check((await photoItem('jpeg').locator('[data-test=photo-caption-count]').innerText()).trim() === '61 / 60 字', 'the caption count is wrong');
        await photoItem('jpeg').locator('textarea[data-test=photo-caption]').fill(state.captions.jpeg);
        await photoItem('png').locator('textarea[data-test=photo-caption]').fill(state.captions.png);
        check((await photoItem('png').locator('[data-test=photo-caption-count]').innerText()).trim() === `${[...state.captions.png].length} / 60 字`, 'the caption count is wrong');
        check((await page.locator('[data-test=showcase-dirty]').count()) === 1, 'the caption edits are not marked unsaved');
        // The PNG first: it moves before the JPEG, wherever the uploads put it.
        if ((await photoOrder())[0] !== photos.names.png) await photoItem('png').locator('[data-test=photo-earlier]').click();
        await eventually('the PNG stands first', () => photoOrder(), (o) => JSON.stringify(o) === JSON.stringify([photos.names.png, photos.names.jpeg]));
        // A document chosen by mistake is named and not sent.
        const pdf = join(workDir, '活动方案.pdf');
        writeFileSync(pdf, '%PDF-1.4\n');
        await page.locator('[data-test=photo-file]').setInputFiles([pdf]);
        const note = await eventually('the document is named', () => page.locator('[data-test=photo-pick-message]').innerText(), (t) => t.includes('活动方案.pdf'));
        check(note.includes('不是图片文件') && (await page.locator('[data-test=photo-uploading]').count()) === 0, `choosing a PDF says "${note}"`);
        await screenshot(page, '6p3-photos-captioned');
        await page.locator('[data-test=showcase-save]').click();
        await toast(page, '已保存草稿');
        const saved = await pageFetch(page, 'GET', `/api/v1/campaigns/${campaign.id}/candidates/${CANDIDATE.id}/showcase`);
        const got = saved.json?.content?.photos ?? [];
        check(JSON.stringify(got.map((p) => p.caption)) === JSON.stringify([state.captions.png, state.captions.jpeg]), `the saved photos are ${JSON.stringify(got)}`);
        const byName = Object.fromEntries((saved.json?.photos ?? []).map((p) => [p.filename, p]));
        state.uploads = { png: byName[photos.names.png]?.id, jpeg: byName[photos.names.jpeg]?.id };
        check(JSON.stringify(got.map((p) => p.upload)) === JSON.stringify([state.uploads.png, state.uploads.jpeg]), `GET showcase's photos do not match content.photos: ${saved.text}`);
        const jpeg = byName[photos.names.jpeg]?.result ?? {};
        console.log(`    the JPEG: ${jpeg.width}×${jpeg.height}, srcset ${jpeg.srcset}`);
        check(jpeg.width === 1200 && jpeg.height === 1600, `the sideways JPEG was not turned upright: ${jpeg.width}×${jpeg.height}`);
        check(/480\.jpg 480w/.test(jpeg.srcset) && /960\.jpg 960w/.test(jpeg.srcset) && !/1920/.test(jpeg.srcset), `the JPEG's srcset is ${jpeg.srcset}`);
        const png = byName[photos.names.png]?.result ?? {};
        check(png.srcset?.trim() === `/media/photos/${state.uploads.png}/480.jpg 480w` && png.src === png.thumb, `the 800 px PNG's sizes are ${JSON.stringify(png)}`);
        check((await page.locator('[data-test=showcase-missing]').innerText()).includes('内容已齐全'), 'the checklist still lists something');
      },
    },
    {
      name: '提交审核：状态变为“待审核”，不能再修改',
      async run() {
        await page.locator('[data-test=showcase-submit]').click();
        await confirmBox(page, '提交审核');
        await toast(page, '已提交审核');
        await eventually('the state reads 待审核', () => stateTag.innerText(), (t) => t.trim() === '待审核');
        check(!(await sectionBox(state.sections[0]).locator('textarea').isEditable()), 'the sections stay editable while waiting');
        check((await page.locator('[data-test=showcase-submit]').count()) === 0, 'submit is still offered');
      },
    },
    {
      name: '海南区组织部在“展示材料”中选择本区的钟庆梅：看到待审核、只读',
      async run() {
        await signIn(DISTRICT_USER, DISTRICT_PASSWORD, '/admin/org-units');
        await page.locator('[data-test=menu-showcase]').click();
        await page.locator('[data-test=showcase-pick]').waitFor();
        await page.locator('[data-test=showcase-candidate]').click();
        await page.keyboard.type(CANDIDATE.name);
        const option = page.locator(`[data-test=candidate-option][data-candidate="${CANDIDATE.id}"]`);
        await option.waitFor();
        await option.click();
        await eventually('the address names the candidate', () => page.url(), (u) => new URL(u).searchParams.get('candidate') === String(CANDIDATE.id));
        await openWorkspace();
        await eventually('the state reads 待审核', () => stateTag.innerText(), (t) => t.trim() === '待审核');
        check(!(await sectionBox(state.sections[0]).locator('textarea').isEditable()), 'the sections are editable while waiting');
        await screenshot(page, '6b-district-workspace');
      },
    },
    {
      name: '海南区组织部退回：空意见被拒绝，写明意见后退回',
      async run() {
        await openReview();
        const detail = page.locator('[data-test=showcase-review-detail]');
        check((await detail.locator('[data-test=version-meta]').innerText()).includes('首次提交'), 'version 1 is not marked 首次提交');
        await detail.locator('[data-test=video-player]').waitFor();
        const captions = await texts(detail.locator('[data-test=diff-photo-caption]'));
        check(JSON.stringify(captions) === JSON.stringify([state.captions.png, state.captions.jpeg]), `the review shows the photos ${JSON.stringify(captions)}`);
        const ops = await detail.locator('[data-test=diff-photo]').evaluateAll((els) => els.map((e) => e.dataset.op));
        check(ops.every((o) => o === 'same'), `a first version marks photos ${JSON.stringify(ops)}`);
        await screenshot(page, '7-review-first');
        await detail.locator('[data-test=diff-photo-thumb]').first().click();
        const viewer = page.locator('.el-image-viewer__wrapper');
        await viewer.waitFor();
        const large = await eventually('the viewer shows the large picture', () => viewer.locator('img.el-image-viewer__img').first().getAttribute('src'), (v) => !!v);
        check(large === `/media/photos/${state.uploads.png}/480.jpg`, `the viewer shows ${large}`);
        await screenshot(page, '7b-review-photo-viewer');
        await page.keyboard.press('Escape');
        await viewer.waitFor({ state: 'hidden' });
        await page.locator('[data-test=review-return]').click();
        const dialog = page.locator('[data-test=showcase-decision-dialog]');
        await dialog.locator('[data-test=decision-submit]').click();
        await eventually('an empty comment is refused beside the field', () => dialog.locator('.el-form-item__error').innerText(), (t) => t.includes('修改意见'));
        await dialog.locator('textarea[data-test=decision-comment]').fill(state.comment);
        await dialog.locator('[data-test=decision-submit]').click();
        await toast(page, '已退回');
        await eventually('the showcase reads 已退回', () => page.locator('[data-test=review-state]').innerText(), (t) => t.trim() === '已退回');
      },
    },
    {
      name: '参评书记看到退回意见，修改后重新提交',
      async run() {
        await signIn(CANDIDATE_USER, CANDIDATE_PASSWORD, '/admin/showcase');
        await openWorkspace();
        check((await stateTag.innerText()).trim() === '已退回', `the state reads ${await stateTag.innerText()}`);
        const comment = await page.locator('[data-test=showcase-comment]').innerText();
        check(comment.includes(state.comment) && comment.includes(DISTRICT_USER), `the comment reads "${comment}"`);
        await screenshot(page, '8-returned');
        const box = sectionBox(state.sections[1]).locator('textarea');
        await box.fill(`${await box.inputValue()}\n${state.edit}`);
        await page.locator('[data-test=showcase-submit]').click();
        await confirmBox(page, '提交审核');
        await toast(page, '已提交审核');
        await eventually('the state reads 待审核', () => stateTag.innerText(), (t) => t.trim() === '待审核');
      },
    },
    {
      name: '组织部审核通过第 2 版',
      async run() {
        await signIn(DISTRICT_USER, DISTRICT_PASSWORD, '/admin/org-units');
        await openReview();
        const detail = page.locator('[data-test=showcase-review-detail]');
        check((await detail.locator('[data-test=version-meta]').innerText()).includes('第 2 版'), 'the detail is not version 2');
        const lines = await texts(detail.locator(`[data-test=diff-section][data-section="${state.sections[1]}"] [data-test=diff-line]`));
        check(lines.some((l) => l.includes(state.edit)), `the edited line is not shown: ${JSON.stringify(lines)}`);
        await page.locator('[data-test=review-approve]').click();
        await page.locator('[data-test=showcase-decision-dialog] [data-test=decision-submit]').click();
        await toast(page, '已通过');
        await eventually('the showcase reads 已通过', () => page.locator('[data-test=review-state]').innerText(), (t) => t.trim() === '已通过');
        await screenshot(page, '9-approved');
      },
    },
    {
      name: '公众页面（360×740）：先显示封面，主题和栏目可读，视频可以播放',
      async run() {
        const phone = await context.newPage();
        try {
          await phone.setViewportSize({ width: 360, height: 740 });
          await phone.goto(`${BASE_URL}/c/${campaign.id}/candidates/${CANDIDATE.id}`);
          const shown = phone.locator('[data-test=public-showcase]');
          await shown.waitFor();
          check((await shown.getAttribute('data-version')) === '2', `the public page shows version ${await shown.getAttribute('data-version')}`);
          const player = phone.locator('[data-test=public-video]');
          check((await player.getAttribute('preload')) === 'none', 'the public video is not preload=none');
          check((await player.getAttribute('poster'))?.endsWith('/poster.jpg'), 'the public video has no poster');
          check((await player.getAttribute('playsinline')) !== null, 'the public video is not playsinline');
          const themes = await texts(phone.locator('[data-test=public-theme]'));
          check(JSON.stringify(themes) === JSON.stringify([state.themes[0], state.themes[2]]), `the themes read ${JSON.stringify(themes)}`);
          const sections = await phone.locator('[data-test=public-section]').evaluateAll((els) => els.map((e) => e.dataset.section));
          check(JSON.stringify(sections) === JSON.stringify(state.sections), `the sections read ${JSON.stringify(sections)}`);
          check((await phone.locator('[data-test=public-section]').nth(1).innerText()).includes(state.edit), 'the approved edit is not public');
          const size = await phone.locator('.showcase-section__text').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
          check(size >= 17, `the section text is ${size}px`);

          const grid = phone.locator('[data-test=public-photos]');
          const imgs = grid.locator('img');
          check((await imgs.count()) === 2, `the public page shows ${await imgs.count()} photos`);
          const captions = await texts(phone.locator('[data-test=public-photo] p'));
          check(JSON.stringify(captions) === JSON.stringify([state.captions.png, state.captions.jpeg]), `the public captions read ${JSON.stringify(captions)}`);
          const attrs = await imgs.evaluateAll((els) => els.map((i) => ({ loading: i.getAttribute('loading'), sizes: i.getAttribute('sizes'), srcset: i.getAttribute('srcset'), alt: i.alt })));
          check(attrs.every((a) => a.loading === 'lazy' && a.sizes && /480\.jpg 480w/.test(a.srcset) && a.alt), `the photos' attributes are ${JSON.stringify(attrs)}`);
          const captionSize = await phone.locator('[data-test=public-photo] p').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
          check(captionSize >= 16, `the captions are ${captionSize}px`);
          await grid.scrollIntoViewIfNeeded();
          await eventually('the photos load', () => imgs.evaluateAll((els) => els.every((i) => i.complete && i.naturalWidth > 0)), Boolean);
          // With a srcset, naturalWidth is scaled to the layout: the file's own size is read by loading it again.
          const loaded = await imgs.evaluateAll((els) =>
            Promise.all(
              els.map(async (i) => {
                const own = new Image();
                own.src = i.currentSrc;
                await own.decode();
                return { src: i.currentSrc, w: own.naturalWidth, h: own.naturalHeight };
              }),
            ),
          );
          console.log(`    public photos: ${loaded.map((l) => `${new URL(l.src).pathname} ${l.w}×${l.h}`).join(', ')}`);
          check(loaded.every((l) => l.src.endsWith('/480.jpg') && l.w === 480), `a 360 px phone did not get the 480 px pictures: ${JSON.stringify(loaded)}`);
          check(loaded[1].h === 640, `the sideways JPEG is not upright on the page: ${loaded[1].w}×${loaded[1].h}`);
          const served = await fetch(loaded[1].src);
          const bytes = Buffer.from(await served.arrayBuffer());
          check(served.ok && bytes[0] === 0xff && bytes[1] === 0xd8, `${loaded[1].src} is not a JPEG (${served.status})`);
          check(!bytes.includes(Buffer.from('Exif')) && !bytes.includes(Buffer.from('GPS')), `${loaded[1].src} still has EXIF`);
          console.log(`    ${new URL(loaded[1].src).pathname}: ${bytes.length} bytes, no EXIF, Cache-Control: ${served.headers.get('cache-control')}`);
          await screenshots('showcase-')(phone, '10a-public-photos');
          await imgs.first().click();
          const preview = phone.locator('.van-image-preview');
          await preview.waitFor();
          const shownCaption = await phone.locator('[data-test=public-photo-viewer-caption]').innerText();
          check(shownCaption.trim() === state.captions.png, `the photo viewer says "${shownCaption}"`);
          const captionBox = await phone.locator('[data-test=public-photo-viewer-caption]').boundingBox();
          check(captionBox && captionBox.y >= 0 && captionBox.y + captionBox.height <= 740, `the viewer's caption is off the screen: ${JSON.stringify(captionBox)}`);
          await phone.locator('.van-image-preview .van-image__img').first().waitFor();
          await phone.waitForTimeout(500); // the viewer fades in
          // The viewer covers the screen: what the phone shows, not the whole page.
          await phone.screenshot({ path: join(SCREENSHOT_DIR, 'showcase-10b-public-photo-viewer.png') });
          await phone.locator('.van-image-preview__close-icon').click();
          await preview.waitFor({ state: 'hidden' });
          await phone.evaluate(() => window.scrollTo(0, 0));
          const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
          check(wide <= 360, `the page is ${wide}px wide`);
          await phone.waitForLoadState('networkidle');
          await screenshots('showcase-')(phone, '10-public-poster');
          const played = await phone.evaluate(async () => {
            const v = document.querySelector('[data-test=public-video]');
            v.muted = true;
            await v.play();
            const start = performance.now();
            while (v.currentTime < 1 && performance.now() - start < 8000) await new Promise((r) => setTimeout(r, 100));
            return { readyState: v.readyState, currentTime: v.currentTime, width: v.videoWidth, error: v.error?.message ?? null };
          });
          console.log(`    played: ${JSON.stringify(played)}`);
          check(played.readyState >= 2 && played.currentTime >= 1 && played.width === 1280, `the video did not play: ${JSON.stringify(played)}`);
          await screenshots('showcase-')(phone, '11-public-playing');
        } finally {
          await phone.close();
        }
      },
    },
    {
      name: '通过后再修改并提交第 3 版：审核页逐行标出与第 2 版相比的增删，公众仍看到第 2 版',
      async run() {
        await signIn(CANDIDATE_USER, CANDIDATE_PASSWORD, '/admin/showcase');
        await openWorkspace();
        const box = sectionBox(state.sections[0]).locator('textarea');
        const lines = (await box.inputValue()).split('\n');
        state.removed = lines[1];
        state.added = '第二段：每月召开一次群众议事会，问需于民、问计于民。';
        await box.fill([lines[0], state.added].join('\n'));
        state.captions.jpeg3 = '村民议事会现场（补充说明：议定 3 件实事）';
        await photoItem('png').locator('[data-test=photo-remove]').click();
        await photoItem('jpeg').locator('textarea[data-test=photo-caption]').fill(state.captions.jpeg3);
        await page.locator('[data-test=showcase-submit]').click();
        await confirmBox(page, '提交审核');
        await toast(page, '已提交审核');

        await signIn(DISTRICT_USER, DISTRICT_PASSWORD, '/admin/org-units');
        await openReview();
        const detail = page.locator('[data-test=showcase-review-detail]');
        check((await detail.locator('[data-test=version-meta]').innerText()).includes('与第 2 版'), 'version 3 is not compared with version 2');
        const section = detail.locator(`[data-test=diff-section][data-section="${state.sections[0]}"]`);
        const line = (op) => texts(section.locator(`[data-test=diff-line][data-op=${op}]`));
        check((await line('removed')).some((t) => t.includes(state.removed)), `the removed line is not marked: ${JSON.stringify(await line('removed'))}`);
        check((await line('added')).some((t) => t.includes(state.added)), `the added line is not marked: ${JSON.stringify(await line('added'))}`);
        check((await detail.locator(`[data-test=diff-section][data-section="${state.sections[2]}"]`).getAttribute('data-changed')) === 'false', 'an unchanged section is marked changed');
        check((await detail.locator('[data-test=video-player]').count()) === 2, 'the new and the approved video are not both shown');
        const photoOps = await detail.locator('[data-test=diff-photo]').evaluateAll((els) => els.map((e) => `${e.dataset.upload}:${e.dataset.op}`));
        check(JSON.stringify(photoOps) === JSON.stringify([`${state.uploads.jpeg}:caption`, `${state.uploads.png}:removed`]), `the photo changes read ${JSON.stringify(photoOps)}`);
        check((await detail.locator('[data-test=diff-photo-before]').innerText()).includes(state.captions.jpeg), 'the approved caption is not shown');
        const summary = (await detail.locator('[data-test=photo-diff-summary]').innerText()).trim();
        check(summary === '删除 1 张、1 张说明有修改', `the photo summary reads "${summary}"`);
        await screenshot(page, '12-review-diff');
        const pub = await fetch(`${BASE_URL}/api/v1/campaigns/${campaign.id}/candidates/${CANDIDATE.id}/showcase/public`).then((r) => r.json());
        check(pub.version === 2, `the public showcase is version ${pub.version} while 3 waits`);
      },
    },
    {
      name: '进入审核阶段：组织部通过第 3 版；此后修改属于更正，未填更正原因不能保存，填写后保存',
      async run() {
        await signIn(ORGANIZER_USER, ORGANIZER_PASSWORD, '/admin/settings');
        const moved = await pageFetch(page, 'POST', `/api/v1/campaigns/${campaign.id}/phase`, { from: 'showcase', to: 'review' });
        check(moved.status === 200 && moved.json?.phase?.key === 'review', `advancing to 审核 answered ${moved.status}: ${moved.text}`);

        await signIn(DISTRICT_USER, DISTRICT_PASSWORD, '/admin/org-units');
        await openReview();
        await page.locator('[data-test=review-approve]').click();
        await page.locator('[data-test=showcase-decision-dialog] [data-test=decision-submit]').click();
        await toast(page, '已通过');

        await page.goto(`${BASE_URL}/admin/showcase?candidate=${CANDIDATE.id}`);
        await openWorkspace();
        await page.locator('[data-test=correction-notice]').waitFor();
        const box = sectionBox(state.sections[2]).locator('textarea');
        await box.fill(`${await box.inputValue()}（更正错别字）`);
        await page.locator('[data-test=showcase-save]').click();
        const reasonItem = page.locator('.el-form-item', { has: page.locator('textarea[data-test=showcase-reason]') });
        await eventually('saving without a reason is refused beside the field', () => reasonItem.locator('.el-form-item__error').innerText(), (t) => t.includes('更正原因'));
        check((await page.locator('[data-test=showcase-dirty]').count()) === 1, 'the edit was thrown away');
        await page.locator('textarea[data-test=showcase-reason]').fill('按区委组织部意见更正错别字');
        await page.locator('[data-test=showcase-save]').click();
        await toast(page, '已保存草稿');
        await eventually('the correction is saved by hainan', () => page.locator('[data-test=showcase-saved]').innerText(), (t) => t.includes(DISTRICT_USER));
        const audit = await pageFetch(page, 'GET', '/api/v1/admin/audit?action=showcase.save');
        check(audit.json?.items?.[0]?.reason === '按区委组织部意见更正错别字', `the audit log has no reason: ${audit.text}`);
        await screenshot(page, '13-correction');
      },
    },
  ];

  const result = await runSteps(page, pageErrors, steps, {
    errorSelector: '[data-test=error-message], [data-test=upload-error], .el-message--error',
    screenshot,
  });
  return finish(context, workDir, result);
}

exitWith(main);
