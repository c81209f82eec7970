// Scenario files: export the run, import it back (or another file), refuse a broken one.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { playUntilLeader, watchErrors } from './helpers.mjs';

test('export downloads the run as a version-1 scenario that imports back', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await playUntilLeader(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.locator('[data-node="3"]').click();
  await page.getByRole('button', { name: 'Crash', exact: true }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export scenario' }).click(),
  ]);
  const scenario = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(scenario.version).toBe(1);
  expect(scenario.actions).toEqual([expect.objectContaining({ do: 'crash', node: 3 })]);
  const exportedAt = await page.locator('[data-time-ms]').getAttribute('data-time-ms');
  expect(scenario.until_ms).toBe(Number(exportedAt));
  await page.getByLabel('Import scenario').setInputFiles({
    name: 'seven.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...scenario, nodes: 7, title: '<b>Seven</b>' })),
  });
  await expect(page.locator('[data-node]')).toHaveCount(7);
  // At the moment the file names, as a link would open: the crash is done.
  await expect(page.locator('[data-time-ms]')).toHaveAttribute('data-time-ms', exportedAt);
  await expect(page.locator('[data-node="3"]')).toHaveAttribute('data-up', 'false');
  await expect(page.getByRole('region', { name: 'Scenario' })).toContainText('<b>Seven</b>');
  await expect(page.locator('.scenario-info b')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a broken scenario file is refused with a message naming the problem', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Import scenario').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{ "version": 1, "seed": 1, "nodes": 42 }'),
  });
  await expect(page.getByRole('alert')).toContainText('This scenario file could not be opened, so the run is kept: nodes: a cluster has 1 to 9 nodes, not 42');
  await expect(page.locator('[data-node]')).toHaveCount(5);
});
