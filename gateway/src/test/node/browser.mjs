// Drives Debian's chromium with playwright-core (pinned in gateway/browser) for the dashboard's tests and
// screenshots: run by a JUnit test (Browser.java) as
//   node browser.mjs
// with PLAYWRIGHT_MODULES naming gateway/browser/node_modules and CHROMIUM the browser's executable. It launches one
// headless browser, then reads one command per line on stdin (JSON: {"do": name, ...}) and answers each with one
// line on stdout: {"ok": value} or {"error": message}. It never downloads a browser: executablePath is the only one.
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const modules = process.env.PLAYWRIGHT_MODULES;
if (!modules) {
    throw new Error('PLAYWRIGHT_MODULES is not set: it names gateway/browser/node_modules');
}
const { chromium } = await import(pathToFileURL(join(modules, 'playwright-core/index.mjs')).href);

const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // Containers often run as root without user namespaces, where chromium's sandbox cannot start.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});
let context = null;
let page = null;
const problems = []; // console errors and failed page scripts: a test can assert there are none

async function open({ colorScheme = 'light', width = 1280, height = 900 }) {
    await context?.close();
    context = await browser.newContext({ colorScheme, viewport: { width, height } });
    page = await context.newPage();
    page.setDefaultTimeout(20000);
    // A refused request (401, 403) is logged by chromium as a failed resource load: that is the page working.
    page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
    return true;
}

const commands = {
    open,
    goto: async ({ url }) => { await page.goto(url); return page.url(); },
    reload: async () => { await page.reload(); return true; },
    click: async ({ selector }) => { await page.click(selector); return true; },
    fill: async ({ selector, value }) => { await page.fill(selector, value); return true; },
    check: async ({ selector }) => { await page.check(selector); return true; },
    select: async ({ selector, value }) => { await page.selectOption(selector, { label: value }); return true; },
    wait: async ({ selector, state = 'visible' }) => { await page.waitForSelector(selector, { state }); return true; },
    text: async ({ selector }) => page.textContent(selector),
    texts: async ({ selector }) => page.$$eval(selector, (els) => els.map((e) => e.textContent)),
    count: async ({ selector }) => page.$$eval(selector, (els) => els.length),
    attribute: async ({ selector, name }) => page.getAttribute(selector, name),
    // A function's source, run in the page with arg: the test's own probes (e.g. a MutationObserver).
    evaluate: async ({ script, arg }) => page.evaluate(`(${script})(${JSON.stringify(arg ?? null)})`),
    // Polled from here: page.waitForFunction evaluates its text inside the page with eval, which the dashboard's
    // Content-Security-Policy forbids (rightly); page.evaluate goes through the debugging protocol instead.
    waitFor: async ({ script, arg }) => {
        const deadline = Date.now() + 20000;
        while (!(await page.evaluate(`(${script})(${JSON.stringify(arg ?? null)})`))) {
            if (Date.now() > deadline) {
                throw new Error(`not true within 20 s: ${script}`);
            }
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return true;
    },
    screenshot: async ({ path, fullPage = true }) => { await page.screenshot({ path, fullPage }); return path; },
    problems: async () => problems.splice(0),
    close: async () => { await browser.close(); return true; },
};

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
    if (!line.trim()) {
        continue;
    }
    const command = JSON.parse(line);
    try {
        const value = await commands[command.do](command);
        process.stdout.write(JSON.stringify({ ok: value ?? null }) + '\n');
    } catch (e) {
        process.stdout.write(JSON.stringify({ error: `${command.do}: ${e.message}` }) + '\n');
    }
    if (command.do === 'close') {
        break;
    }
}
await browser.close().catch(() => {});
process.exit(0);
