// How long the playground waits for lint: banli-wasm's lint() on each
// sample item under Node (the same wasm the browser runs).
// Run: cargo xtask build && node tools/bench-lint.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const banli = createRequire(import.meta.url)(join(root, 'target/pkg/banli-wasm/node/banli.js'));
for (const file of readdirSync(join(root, 'schemas/items')).sort()) {
  const text = readFileSync(join(root, 'schemas/items', file), 'utf8');
  for (let i = 0; i < 5; i += 1) banli.lint(text);
  const times = [];
  for (let i = 0; i < 30; i += 1) {
    const start = process.hrtime.bigint();
    banli.lint(text);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`${file.padEnd(44)} ${(text.length / 1024).toFixed(1).padStart(5)} KiB  median ${times[15].toFixed(2)} ms  p90 ${times[27].toFixed(2)} ms`);
}
