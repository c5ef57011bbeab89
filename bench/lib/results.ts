/** Benchmark results as JSON under bench/results/ (ignored by git). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RESULTS_DIR = join(ROOT, 'bench', 'results');

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
}

export function machine(): Machine {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Writes `bench/results/<name>-<timestamp>.json` and `<name>-latest.json`; returns the first path. */
export function writeResult(name: string, data: object): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const body = JSON.stringify(
    { name, at: new Date().toISOString(), machine: machine(), ...data },
    null,
    2,
  );
  const path = join(RESULTS_DIR, `${name}-${stamp}.json`);
  writeFileSync(path, body);
  writeFileSync(join(RESULTS_DIR, `${name}-latest.json`), body);
  return path;
}
