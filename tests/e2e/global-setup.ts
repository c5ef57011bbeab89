// Browser tests run against the production build (what `npm start` serves):
// build it once before any test file starts, unless it is already fresh.
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from '../../scripts/build-if-needed.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default function setup(): void {
  const started = Date.now();
  buildIfNeeded(root);
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 1) console.log(`> Production build ready in ${seconds.toFixed(1)} s`);
}
