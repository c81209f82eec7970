// WCAG AA contrast, measured on the rendered page in both themes: 4.5:1 for text, 3:1 for
// large text (the terms inside the nodes, 22 px bold).
import { test, expect } from '@playwright/test';
import { playUntilLeader, presetShown } from './helpers.mjs';

/** Every text element checked, with its contrast ratio against what is behind it. */
async function contrasts(page) {
  return page.evaluate(() => {
    const rgb = (c) => c.match(/[\d.]+/g).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (a, b) => {
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    const background = (el) => {
      for (; el; el = el.parentElement) {
        const c = rgb(getComputedStyle(el).backgroundColor);
        if (c.length < 4 || c[3] > 0) return c;
      }
      return [255, 255, 255];
    };
    const results = [];
    const html = ['h1', '.playground__hint', '.legend li', '.narration__line', '.narration__time', '.invariants__item',
      '.controls__speed output', '.logs__command', '.logs__term', '.timeline__clock', '.playground button',
      '.scenario-info__description', '.logs__marker', '.share summary', '.share label', '.share legend',
      '.share__status', '.embed__title', '.embed__open', '.embed-strip__clock'];
    for (const selector of html) {
      for (const el of document.querySelectorAll(selector)) {
        results.push({ what: selector, ratio: ratio(rgb(getComputedStyle(el).color), background(el)), large: false });
      }
    }
    for (const node of document.querySelectorAll('[data-node]')) {
      const fill = rgb(getComputedStyle(node.querySelector('.node__body')).fill);
      const term = rgb(getComputedStyle(node.querySelector('.node__term')).fill);
      results.push({ what: `term in ${node.getAttribute('aria-label')}`, ratio: ratio(term, fill), large: true });
    }
    return results;
  });
}

for (const scheme of ['light', 'dark']) {
  test(`text passes WCAG AA contrast in the ${scheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('./');
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption('figure-6');
    await presetShown(page, 'figure-6');
    await playUntilLeader(page);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('[data-node][data-role=follower]').first().click();
    await page.getByRole('button', { name: 'Time out' }).click();
    await page.locator('[data-node][data-role=follower]').first().click();
    await page.getByRole('button', { name: 'Crash', exact: true }).click();
    await page.getByText('Share, embed, export').click();
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.locator('.share__status')).not.toBeEmpty();
    const results = await contrasts(page);
    expect(results.length).toBeGreaterThan(40);
    expect(results.some((r) => r.what === '.share__status')).toBe(true);
    expect(failing(results)).toEqual([]);
  });

  test(`the embed passes WCAG AA contrast in the ${scheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('./?embed&log=1');
    await playUntilLeader(page);
    await page.getByRole('button', { name: 'Pause' }).click();
    const results = await contrasts(page);
    expect(results.filter((r) => r.what.startsWith('.embed')).length).toBeGreaterThanOrEqual(2);
    expect(failing(results)).toEqual([]);
  });
}

/** The checks below WCAG AA: 4.5:1, or 3:1 for large text. */
function failing(results) {
  return results.filter((r) => r.ratio < (r.large ? 3 : 4.5)).map((r) => `${r.what}: ${r.ratio.toFixed(2)}`);
}
