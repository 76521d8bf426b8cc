import { defineConfig } from "@playwright/test";

// Debian's chromium (installed by scripts/setup.sh); Playwright's own browser downloads are not used.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1, // one real API, database and agent shared by the tests, started once
  timeout: 180_000,
  // One retry, so that a timing fault on the shared 2-core machine does not sink the whole run. A test that passes
  // only on retry is printed by scripts/summary.mjs as flaky, by name: it is a fault to fix, not a pass to forget
  // (see docs/decisions.md, "Browser tests: one retry").
  retries: 1,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-report.json" }]],
  use: {
    viewport: { width: 360, height: 740 },
    launchOptions: { executablePath, args: ["--no-sandbox", "--disable-dev-shm-usage"] },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
