import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium (`npx playwright install` cannot download here) against
 * the production build, started by tests/e2e/serve.ts with a fresh database and an SMTP catcher.
 */
export const APP_PORT = Number(process.env.E2E_PORT ?? 4173);
export const MAIL_API_PORT = Number(process.env.E2E_MAIL_PORT ?? 4174);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // One worker: tests share the demo accounts, whose language setting some of them switch.
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${APP_PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  },
  projects: [
    // First, on the freshly seeded database: the visual checks (tests/e2e/visual.spec.ts).
    { name: 'visual', testMatch: 'visual.spec.ts', use: { ...devices['Desktop Chrome'], channel: undefined } },
    { name: 'chromium', testIgnore: 'visual.spec.ts', use: { ...devices['Desktop Chrome'], channel: undefined } },
  ],
  webServer: {
    command: 'npx tsx tests/e2e/serve.ts',
    url: `http://localhost:${APP_PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { E2E_PORT: String(APP_PORT), E2E_MAIL_PORT: String(MAIL_API_PORT) },
  },
});
