// Builds the staff console (apps/web) and the H5 app (apps/h5) unless each dist is newer than every source it is built from.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

function newest(p) {
  const full = path.join(root, p);
  if (!fs.existsSync(full)) return 0;
  const st = fs.statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(full).map((f) => newest(path.join(p, f))));
}

for (const app of ["web", "h5"]) {
  const dir = `apps/${app}`;
  if (!fs.existsSync(path.join(root, dir, "package.json"))) continue;
  const dist = path.join(root, dir, "dist/index.html");
  const sources = [`${dir}/src`, `${dir}/index.html`, `${dir}/vite.config.ts`, `${dir}/package.json`, "packages/shared/src"];
  const built = fs.existsSync(dist) ? fs.statSync(dist).mtimeMs : 0;
  if (built > Math.max(...sources.map(newest))) {
    console.log(`${app} is up to date`);
  } else {
    console.log(`building ${app}…`);
    // production React whatever the caller runs under (vitest sets NODE_ENV=test)
    execFileSync("npm", ["run", "build", "-w", `@carecircle/${app}`, "--silent"], { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  }
}
