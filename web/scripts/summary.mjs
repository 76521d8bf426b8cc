// Prints the web suites' results in the line form `dotnet test` uses, so scripts/test.sh's one closing line
// ("tests: N passed, N failed") counts them with the .NET projects. A suite whose report is missing counts as failed.
import { existsSync, readFileSync } from "node:fs";

const web = new URL("..", import.meta.url).pathname;
const line = (name, passed, failed, skipped) =>
  console.log(`${failed > 0 ? "Failed!" : "Passed!"}  - Failed: ${failed}, Passed: ${passed}, Skipped: ${skipped}, Total: ${passed + failed + skipped} - ${name}`);

const vitest = `${web}test-results/vitest-report.json`;
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, "utf8"));
  line("web (vitest)", r.numPassedTests, r.numFailedTests, r.numPendingTests + (r.numTodoTests ?? 0));
} else line("web (vitest: no report)", 0, 1, 0);

const e2e = `${web}test-results/e2e-report.json`;
if (existsSync(e2e)) {
  const report = JSON.parse(readFileSync(e2e, "utf8"));
  const s = report.stats;
  // Playwright: expected = passed, unexpected = failed, flaky = passed on retry (counted as failed: no retries here).
  const failed = s.unexpected + s.flaky + (report.errors?.length ?? 0);
  line("web (playwright)", s.expected, failed, s.skipped);
} else line("web (playwright: no report)", 0, 1, 0);
