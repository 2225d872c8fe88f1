// Builds the staff console unless apps/web/dist is newer than every source it is built from.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const dist = path.join(root, "apps/web/dist/index.html");
const sources = ["apps/web/src", "apps/web/index.html", "apps/web/vite.config.ts", "apps/web/package.json", "packages/shared/src"];

function newest(p) {
  const full = path.join(root, p);
  if (!fs.existsSync(full)) return 0;
  const st = fs.statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(full).map((f) => newest(path.join(p, f))));
}

const built = fs.existsSync(dist) ? fs.statSync(dist).mtimeMs : 0;
if (built > Math.max(...sources.map(newest))) {
  console.log("web console is up to date");
} else {
  console.log("building the web console…");
  execFileSync("npm", ["run", "build", "-w", "@carecircle/web", "--silent"], { cwd: root, stdio: "inherit" });
}
