// Presets: one click loads a scenario, paused at its start, with its title and description.
import { test, expect } from '@playwright/test';
import { simulatedTime, watchErrors, presetShown } from './helpers.mjs';

test('the Figure 8 preset replays the overwrite of an old-term entry', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('figure-8');
  await presetShown(page, 'figure-8');
  await expect(page.getByRole('region', { name: 'Scenario' })).toContainText('Figure 8');
  await expect(page.locator('[data-node]')).toHaveCount(5);
  await expect(page.locator('[data-node="5"]')).toHaveAttribute('data-term', '3');
  // Played past panel (d), then looked at moment by moment: (c) lasts about 400 ms.
  await page.getByRole('slider', { name: 'Speed' }).fill('0');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => simulatedTime(page), { timeout: 20_000 }).toBeGreaterThan(500);
  await page.getByRole('button', { name: 'Pause' }).click();
  // (c): S1 leads term 4 and S3 gets the term-2 entry at index 2, not committed.
  await page.getByRole('slider', { name: 'Time' }).fill('290');
  await expect(page.locator('[data-node="1"]')).toHaveAttribute('data-role', 'leader');
  await expect(page.locator('[data-log-node="3"][data-index="2"][data-term="2"]')).toHaveAttribute('data-committed', 'false');
  // (d): S5 leads and its term-3 entry replaces index 2 on S2 and S3.
  await page.getByRole('slider', { name: 'Time' }).fill('500');
  await expect(page.locator('[data-node="5"]')).toHaveAttribute('data-role', 'leader');
  await expect(page.locator('[data-log-node="2"][data-index="2"]')).toHaveAttribute('data-term', '3');
  await expect(page.locator('[data-log-node="3"][data-index="2"]')).toHaveAttribute('data-term', '3');
  await expect(page.locator('[data-invariant][data-ok=false]')).toHaveCount(0);
  // Acting in the preset's run keeps its words, with a line saying they tell its own run.
  await expect(page.locator('[data-preset-acted]')).toHaveCount(0);
  await page.locator('[data-node="2"]').click();
  await page.getByRole('button', { name: 'Crash', exact: true }).click();
  await expect(page.locator('[data-preset-acted]')).toContainText('You acted in this preset');
  await expect(page.getByRole('region', { name: 'Scenario' })).toContainText('Figure 8');
  expect(errors).toEqual([]);
});

test('every preset loads without an error', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const picker = page.getByRole('combobox', { name: 'Scenario' });
  // Drawn once the WebAssembly runs: wait for it (evaluateAll does not). 30 presets and the prompt.
  await expect(picker.locator('option')).toHaveCount(31);
  const ids = await picker.locator('option').evaluateAll((options) => options.map((o) => o.value).filter(Boolean));
  expect(ids.length).toBe(30);
  for (const id of ids) {
    await picker.selectOption(id);
    await presetShown(page, id);
    await expect(page.getByRole('region', { name: 'Scenario' })).toBeVisible();
    await expect(page.locator('[data-time-ms]')).toHaveAttribute('data-time-ms', '0');
  }
  expect(errors).toEqual([]);
});

test('a preset whose files cannot be fetched is refused with a notice, and the run is kept', async ({ page }) => {
  await page.route('**/presets/figure-7.json', (route) => route.abort());
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('figure-7');
  await expect(page.getByRole('alert')).toContainText('This preset could not be loaded');
  await expect(page.getByRole('alert')).toContainText('figure-7');
  await expect(page.locator('[data-node]')).toHaveCount(5);
  // The next choice works.
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('figure-6');
  await presetShown(page, 'figure-6');
  await expect(page.locator('[data-node]')).toHaveCount(5);
});

test('a preset chosen with the mouse leaves the picker, so the arrow keys step its run', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const scenario = page.getByRole('combobox', { name: 'Scenario' });
  await scenario.click();
  await scenario.selectOption('figure-6');
  await presetShown(page, 'figure-6');
  await expect(scenario).not.toBeFocused();
  const main = page.locator('main');
  const time = await main.getAttribute('data-time-ms');
  await page.keyboard.press('ArrowRight');
  await expect(main).not.toHaveAttribute('data-time-ms', time);
  await expect(scenario).toHaveValue('figure-6');
  expect(errors).toEqual([]);
});

test('keys browse the Scenario, Servers and Lesson pickers without loading; Enter loads, leaving shows again what is loaded', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  const main = page.locator('main');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(main).not.toHaveAttribute('data-time-ms', '0');
  const time = await main.getAttribute('data-time-ms');
  const scenario = page.getByRole('combobox', { name: 'Scenario' });
  await scenario.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  // The picker shows the second preset, but the run is the same.
  await expect(scenario).not.toHaveValue('');
  const shown = await scenario.inputValue();
  await expect(main).toHaveAttribute('data-time-ms', time);
  await expect(main).not.toHaveAttribute('data-preset', /./);
  // Leaving it shows again what is loaded: no preset.
  await page.keyboard.press('Tab');
  await expect(scenario).toHaveValue('');
  await expect(main).toHaveAttribute('data-time-ms', time);
  // Browsing, then Enter, loads the preset shown.
  await scenario.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await presetShown(page, shown);
  // The size picker: ↓ does not resize; Escape shows the size again.
  const servers = page.getByRole('combobox', { name: 'Servers' });
  const size = await servers.inputValue();
  const count = await page.locator('[data-node]').count();
  await servers.focus();
  await page.keyboard.press('ArrowDown');
  await expect(servers).not.toHaveValue(size);
  await expect(page.locator('[data-node]')).toHaveCount(count);
  await page.keyboard.press('Escape');
  await expect(servers).toHaveValue(size);
  // The lesson picker: ↓ opens no lesson, Enter does.
  const lessons = page.getByRole('combobox', { name: 'Lesson' });
  await lessons.focus();
  await page.keyboard.press('ArrowDown');
  await expect(main).not.toHaveAttribute('data-lesson', /./);
  await page.keyboard.press('Enter');
  await expect(main).toHaveAttribute('data-lesson', await lessons.inputValue());
  expect(errors).toEqual([]);
});
