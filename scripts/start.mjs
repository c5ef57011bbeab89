// `npm start`: build if the build is missing or stale, then serve the app and
// socket.io from one process (server/index.ts, bundled by build-if-needed).
import { spawn } from 'node:child_process';
import { buildIfNeeded, serverBundle } from './build-if-needed.mjs';

const root = process.cwd();
try {
  buildIfNeeded(root);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}

const child = spawn(process.execPath, [serverBundle(root), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
