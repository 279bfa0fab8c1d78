// Writes a run's Markdown report again from its raw results, e.g. after a fix to report.js:
//   node runner/report-again.js results/2026-12-04T08-52-15Z.json   → results/2026-12-04T08-52-15Z.md
import { readFileSync, writeFileSync } from 'node:fs';
import { buildReport } from './report.js';

const file = process.argv[2];
if (!file || !file.endsWith('.json')) {
  console.error('usage: node runner/report-again.js results/RUN.json');
  process.exit(2);
}
const data = JSON.parse(readFileSync(file, 'utf8'));
// as the runner does: a run cut short by an interruption has neither result nor error
data.runs = data.runs.filter((r) => r.result || r.error);
const out = file.replace(/\.json$/, '.md');
writeFileSync(out, buildReport(data));
console.log(`report: ${out}`);
