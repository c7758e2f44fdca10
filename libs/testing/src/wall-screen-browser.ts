import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** Where browser tests leave their 1920×1080 screenshots (a CI artifact, git-ignored). */
export const SCREENSHOTS_DIR = join(REPO_ROOT, 'test-results', 'screens');

/** Debian's Chromium, headless, with nothing reaching for the network on its own (`extraArgs`: a bench's own switches). */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

const PAGE_ERRORS = new WeakMap<Page, string[]>();

/** The script errors and console errors a page opened by openWallScreen has shown so far. */
export function pageErrors(page: Page): string[] {
  return [...(PAGE_ERRORS.get(page) ?? [])];
}

/**
 * A TV-sized page on a wall-screen address, once its first snapshot is on screen (`ready`: the
 * view's content, tiles by default), else an error saying what the page showed and logged.
 */
export async function openWallScreen(
  browser: Browser,
  url: string,
  ready = 'body[data-seq] .tile[data-kpi]',
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const seen: string[] = [];
  PAGE_ERRORS.set(page, seen);
  page.on('pageerror', (error) => seen.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text()))
      seen.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  try {
    await page.waitForSelector(ready, { timeout: 60_000 });
  } catch (error) {
    const state = await page.evaluate('JSON.stringify(document.body.dataset)');
    throw new Error(`${(error as Error).message}\nbody data: ${String(state)}\n${seen.join('\n')}`);
  }
  return page;
}

/**
 * For each element matching `selector`, the listed attributes (or `text` of a child selector
 * given as `>child`). Runs as a string in the page: the test projects compile without DOM types.
 */
export function readAll(
  page: Page,
  selector: string,
  fields: readonly string[],
): Promise<(string | null)[][]> {
  const read = `[...document.querySelectorAll(${JSON.stringify(selector)})].map((node) =>
    ${JSON.stringify(fields)}.map((f) => f.startsWith('>')
      ? (node.querySelector(f.slice(1))?.textContent ?? null)
      : node.getAttribute(f)))`;
  return page.evaluate<(string | null)[][]>(read);
}

/** Every tile's shown value and status (what a reader sees), by KPI id. */
export async function shownValues(page: Page): Promise<Record<string, string>> {
  const rows = await readAll(page, '.tile[data-kpi]', ['data-kpi', '>.tile-value', '>.tile-status']);
  return Object.fromEntries(rows.map(([kpi, value, status]) => [kpi ?? '', `${value} | ${status}`]));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** The smallest sizes a tile may use on a 1920×1080 TV read from 3–6 m (WALL-SCREEN.md). */
export const LEGIBLE_PX = { value: 64, name: 28 };

/**
 * What a reader across the room could not read on the page as shown: tile values or names under
 * LEGIBLE_PX, and any box of the tiles, tables, alerts, header or source strip whose content is cut
 * (wider or taller than the box, or ellipsised). An empty list is a legible page. Sparklines are
 * drawn to their box and only the box is checked.
 */
export function legibilityProblems(page: Page): Promise<string[]> {
  const check = `(() => {
    const min = ${JSON.stringify(LEGIBLE_PX)};
    const problems = [];
    const px = (node) => parseFloat(getComputedStyle(node).fontSize);
    const label = (node) => {
      const tile = node.closest('[data-kpi]');
      return (tile ? tile.getAttribute('data-kpi') + ' ' : '') + '.' + String(node.className).replace(/ /g, '.') +
        ' "' + (node.textContent || '').trim().slice(0, 50) + '"';
    };
    for (const node of document.querySelectorAll('.tile .tile-value'))
      if (px(node) < min.value) problems.push('value of ' + px(node) + ' px: ' + label(node));
    for (const node of document.querySelectorAll('.tile .tile-name'))
      if (px(node) < min.name) problems.push('name of ' + px(node) + ' px: ' + label(node));
    const boxes = document.querySelectorAll(
      'main > *, main .tile, main .tile *, main .communes, main .communes *, main .alerts-panel, main .alerts-panel *, header, header *, footer, footer *',
    );
    for (const node of boxes) {
      if (node.closest('.tile-spark') && !node.classList.contains('tile-spark')) continue;
      const style = getComputedStyle(node);
      if (style.display === 'inline' || style.display === 'none' || style.display === 'table-row') continue;
      if (style.textOverflow === 'ellipsis' && node.scrollWidth > node.clientWidth)
        problems.push('ellipsised: ' + label(node));
      else if (node.scrollWidth > node.clientWidth + 1)
        problems.push('cut, ' + node.scrollWidth + ' px wide in ' + node.clientWidth + ': ' + label(node));
      if (node.scrollHeight > node.clientHeight + 1)
        problems.push('cut, ' + node.scrollHeight + ' px tall in ' + node.clientHeight + ': ' + label(node));
    }
    return problems;
  })()`;
  return page.evaluate<string[]>(check);
}
