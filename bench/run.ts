// `npm run bench [-- signaling browser bundle effects sfu]`: runs the chosen benchmarks
// (all by default), prints their markdown tables, writes JSON to bench/results/.
// Never part of `npm test`. Options: --quick (smaller, shorter runs).
// Browser runs share the machine's browser-test lock and their own build dir:
//   npm run bench -- signaling
//   NEXT_DIST_DIR=.next-bench flock /tmp/parley-e2e.lock npm run bench -- bundle browser
import { runBrowser } from './browser';
import { runBundle } from './bundle';
import { runEffects } from './effects';
import { runSfu } from './sfu';
import { runSignaling } from './signaling';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const chosen = args.filter((a) => !a.startsWith('--'));
const wanted = (name: string) => chosen.length === 0 || chosen.includes(name);

async function main(): Promise<void> {
  const sections: string[] = [];
  if (wanted('signaling')) {
    console.log('> signaling benchmark');
    sections.push(await runSignaling(quick ? { sizes: [200], steadySeconds: 3 } : {}));
  }
  if (wanted('bundle')) {
    console.log('> bundle benchmark');
    sections.push(runBundle());
  }
  if (wanted('browser')) {
    console.log('> browser benchmark');
    sections.push(await runBrowser(quick ? { pairs: 2, rounds: 1, windowSeconds: 5 } : {}));
  }
  if (wanted('effects')) {
    console.log('> effects benchmark');
    sections.push(await runEffects(quick ? { rounds: 1, windowSeconds: 5 } : {}));
  }
  if (wanted('sfu')) {
    console.log('> sfu benchmark (mesh vs Janus)');
    // --sizes=6,8 runs only those call sizes; --no-suppression turns noise suppression off.
    const sizes = args
      .find((a) => a.startsWith('--sizes='))
      ?.slice('--sizes='.length)
      .split(',')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n >= 2);
    sections.push(
      await runSfu({
        ...(quick ? { sizes: [4], windowSeconds: 5 } : {}),
        ...(sizes?.length ? { sizes } : {}),
        ...(args.includes('--no-suppression') ? { suppression: false } : {}),
      }),
    );
  }
  console.log(`\n${sections.join('\n\n')}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
