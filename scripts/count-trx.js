// Sums the counters of every TRX file under a folder and prints "N passed, N failed, N skipped".
// Fails when no result file exists, so a run that never reached the tests is not counted as green.
const fs = require('fs');
const path = require('path');
const dir = process.argv[2];
const files = [];
(function walk(d) {
  if (!fs.existsSync(d)) return;
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p); else if (p.endsWith('.trx')) files.push(p);
  }
})(dir);
let passed = 0, failed = 0, skipped = 0;
for (const f of files) {
  const m = fs.readFileSync(f, 'utf8').match(/<Counters\b[^>]*>/);
  if (!m) continue;
  const n = (k) => Number((m[0].match(new RegExp(`\\b${k}="(\\d+)"`)) || [0, 0])[1]);
  passed += n('passed');
  failed += n('failed') + n('error') + n('timeout') + n('aborted');
  skipped += n('notExecuted') + n('inconclusive');
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(files.length === 0 ? 1 : 0);
