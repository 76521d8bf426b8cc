import { defineConfig } from "@playwright/test";

// Debian's chromium (installed by scripts/setup.sh); Playwright's own browser downloads are not used.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1, // one real API, database and agent shared by the tests, started once
  timeout: 180_000,
  // No retries: a live-update test that misses its deadline is a fault to find (docs/adr/0104-browser-tests-without-retries.md).
  // scripts/summary.mjs still names any test that passes only on a retry (e.g. with --retries on the command line) as FLAKY.
  retries: 0,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-report.json" }]],
  use: {
    viewport: { width: 360, height: 740 },
    launchOptions: { executablePath, args: ["--no-sandbox", "--disable-dev-shm-usage"] },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
