// Types for build-if-needed.mjs, so TypeScript callers (tests, benchmarks) type-check.

/** The bundled server that `npm start` runs. */
export function serverBundle(root?: string): string;

/** True when the Next build or the server bundle is missing or older than its sources. */
export function buildIsStale(root?: string): boolean;

/** Builds the Next app and bundles the server when stale; throws if either fails. */
export function buildIfNeeded(root?: string): void;
