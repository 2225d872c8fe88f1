// `npm test`: every tier — type check, unit, API on PGlite and on PostgreSQL, browser — and a closing
// "N passed, N failed" line. Installs Chromium and PostgreSQL from Debian's packages when it may (root),
// otherwise says what to install.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
const t0 = Date.now();
const step = (name) => console.log(`\n==> ${name} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);

function hasPostgres() {
  const dir = "/usr/lib/postgresql";
  return fs.existsSync(dir) && fs.readdirSync(dir).some((v) => fs.existsSync(path.join(dir, v, "bin/initdb")));
}
const missing = [];
if (!fs.existsSync("/usr/bin/chromium")) missing.push("chromium", "fonts-wqy-microhei");
if (!hasPostgres()) missing.push("postgresql");
if (!fs.existsSync("/usr/bin/pdftotext")) missing.push("poppler-utils");
if (missing.length > 0) {
  if (process.getuid?.() === 0) {
    step(`installing ${missing.join(" ")} from Debian`);
    execFileSync("apt-get", ["update"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "--no-install-recommends", ...missing], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  } else {
    console.error(`The tests need Debian packages: sudo apt-get install -y ${missing.join(" ")}`);
    process.exit(1);
  }
}

step("type check");
const tsc = spawnSync("npx", ["tsc", "-p", "tsconfig.json"], { stdio: "inherit" });
const tscWeb = spawnSync("npx", ["tsc", "-p", "apps/web/tsconfig.json", "--noEmit"], { stdio: "inherit" });
const tscH5 = fs.existsSync("apps/h5/tsconfig.json") ? spawnSync("npx", ["tsc", "-p", "apps/h5/tsconfig.json", "--noEmit"], { stdio: "inherit" }) : { status: 0 };

step("build the web console and the H5 app");
execFileSync("node", ["scripts/build-web-if-stale.mjs"], { stdio: "inherit" });

step("vitest: unit, int-pglite, int-postgres, e2e");
fs.mkdirSync("artifacts", { recursive: true });
const report = path.join(root, "artifacts/vitest-report.json");
const vitest = spawnSync("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)], { stdio: "inherit" });

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, "utf8"));
  passed = r.numPassedTests;
  failed = r.numFailedTests;
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
// a file that failed to load has no failed tests but fails the run
if (vitest.status !== 0 && failed === 0) failed = 1;
if (tsc.status !== 0 || tscWeb.status !== 0 || tscH5.status !== 0) {
  console.log("type check failed");
  failed += 1;
}
console.log(`\ntotal ${((Date.now() - t0) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(vitest.status !== 0 || failed > 0 || passed === 0 ? 1 : 0);
