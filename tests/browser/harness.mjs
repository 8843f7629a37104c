// What run.mjs and admin.mjs share: the settings from the environment, Chromium started the
// same way, polled expectations, screenshots, and the ok/FAILED report per step.
import { createRequire } from 'node:module';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const webDir = resolve(process.env.WEB_DIR ?? join(here, '../../web'));
/** The tests have no packages of their own: they borrow web's (playwright-core, write-excel-file). */
export const requireWeb = createRequire(join(webDir, 'package.json'));
export const BASE_URL = (process.env.BASE_URL ?? '').replace(/\/+$/, '');
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || '/tmp/shuangshai-shots';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const WAIT_MS = Number(process.env.WAIT_MS ?? 10_000);

export class StepFailure extends Error {}

/** Polls `probe` until `accept(value)` holds; fails with `what` and the last value seen. */
export async function eventually(what, probe, accept = (v) => Boolean(v)) {
  const deadline = Date.now() + WAIT_MS;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = lastError ? `error: ${lastError.message.split('\n')[0]}` : `saw ${JSON.stringify(last)}`;
      throw new StepFailure(`${what} (${seen})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function check(condition, message) {
  if (!condition) throw new StepFailure(message);
}

export const texts = (locator) => locator.allInnerTexts().then((list) => list.map((t) => t.trim()));

/** A screenshot function writing full-page PNGs named `${prefix}${name}.png`. */
export function screenshots(prefix = '') {
  return async (page, name) => {
    const path = join(SCREENSHOT_DIR, `${prefix}${name}.png`);
    await page.screenshot({ path, fullPage: true });
    console.log(`    screenshot ${path}`);
  };
}

/** The report when the server does not answer at all; the exit code. */
export function unreachable(error) {
  console.log(`FAILED - cannot reach the server at ${BASE_URL}: ${error.cause?.code ?? error.message}`);
  console.log('0 passed, 1 failed');
  return 1;
}

/**
 * Starts headless Chromium with a fresh profile in `profileDir` and the test's `options`
 * (viewport, time zone, …). Console errors are printed unless `ignoreConsole(text)` says they
 * are expected; uncaught page errors are collected in `pageErrors` and fail the step.
 */
export async function launch(chromium, profileDir, options, ignoreConsole = () => false) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    ...options,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(WAIT_MS);
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (!ignoreConsole(text)) console.log(`    console error: ${text}`);
  });
  return { context, page, pageErrors };
}

/**
 * Runs the steps in order (each is told whether the one before failed), printing `ok N - …` or
 * `FAILED N - …` with the reason, what `errorSelector` shows on the page and a screenshot.
 */
export async function runSteps(page, pageErrors, steps, { errorSelector, screenshot }) {
  let passed = 0;
  let failed = 0;
  let previousFailed = false;
  for (const [index, step] of steps.entries()) {
    const errorsBefore = pageErrors.length;
    try {
      await step.run(previousFailed);
      const newErrors = pageErrors.slice(errorsBefore);
      check(newErrors.length === 0, `the page threw: ${newErrors.join(' | ')}`);
      passed += 1;
      previousFailed = false;
      console.log(`ok ${index + 1} - ${step.name}`);
    } catch (error) {
      failed += 1;
      previousFailed = true;
      const why = error instanceof StepFailure ? error.message : String(error.message ?? error).split('\n')[0];
      const shown = await page
        .locator(errorSelector)
        .allInnerTexts()
        .catch(() => []);
      console.log(`FAILED ${index + 1} - ${step.name}\n    ${why}`);
      if (shown.length) console.log(`    the page shows the error: ${shown.join(' | ')}`);
      await screenshot(page, `failed-step-${index + 1}`).catch(() => {});
    }
  }
  return { passed, failed };
}

/** Closes the browser, removes `dir` (its profile and files) and prints the tally; the exit code. */
export async function finish(context, dir, { passed, failed }) {
  await context.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

/** Runs `main` and exits with its code; a crash counts as one failure. */
export function exitWith(main) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.log(`browser test could not run: ${error.stack ?? error}`);
      console.log('0 passed, 1 failed');
      process.exit(1);
    },
  );
}

/** A JSON request made by the page itself, with its session cookie and CSRF token. */
export function pageFetch(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const headers = { Accept: 'application/json' };
      if (method !== 'GET') {
        const me = await fetch('/api/v1/auth/me', { credentials: 'same-origin' });
        const { csrf_token: token } = await me.json();
        headers['X-CSRF-Token'] = token;
        headers['Content-Type'] = 'application/json';
      }
      const response = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let json = null;
      try {
        json = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: response.status, json, text: text.slice(0, 300) };
    },
    { method, path, body },
  );
}

/** The success toast (ElMessage) that contains `text`. */
export async function toast(page, text) {
  return eventually(
    `a success message saying "${text}"`,
    () => texts(page.locator('.el-message--success')),
    (list) => list.some((t) => t.includes(text)),
  );
}
