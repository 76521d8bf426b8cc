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
  // Playwright: expected = passed, unexpected = failed (also on its retry), flaky = failed once and passed on retry.
  const failed = s.unexpected + (report.errors?.length ?? 0);
  line("web (playwright)", s.expected + s.flaky, failed, s.skipped);
  if (s.flaky > 0) {
    const flaky = [];
    const walk = (suite) => {
      for (const spec of suite.specs ?? [])
        for (const t of spec.tests ?? []) if (t.status === "flaky") flaky.push(`${spec.file}: ${spec.title}`);
      for (const child of suite.suites ?? []) walk(child);
    };
    for (const suite of report.suites ?? []) walk(suite);
    console.log(`FLAKY: ${s.flaky} browser test(s) failed once and passed on retry: a fault to fix`);
    for (const name of flaky) console.log(`  flaky: ${name}`);
  }
} else line("web (playwright: no report)", 0, 1, 0);
