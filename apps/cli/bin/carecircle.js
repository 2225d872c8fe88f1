#!/usr/bin/env node
// The `carecircle` command: runs the TypeScript CLI through tsx (Node 20 does not run .ts itself).
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
