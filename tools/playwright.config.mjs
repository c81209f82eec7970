// Browser tests of the built page (dist/, from `trunk build --release`), in Debian's Chromium.
// The page is served from a sub-folder, /raft/, to prove it works from any folder of a host.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 8091);

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/raft/`,
    viewport: { width: 1000, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `node serve-static.mjs ../dist ${port} /raft/`,
    url: `http://127.0.0.1:${port}/raft/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
