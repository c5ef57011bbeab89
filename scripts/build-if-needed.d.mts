// Types for build-if-needed.mjs, so TypeScript callers (tests/e2e/global-setup.ts) type-check.

/** True when .next/BUILD_ID is missing or older than any source the build reads. */
export function buildIsStale(root?: string): boolean;

/** Runs `next build` when the build is stale; throws if the build fails. */
export function buildIfNeeded(root?: string): void;
