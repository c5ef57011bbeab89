// `npm run bench [-- signaling browser bundle]`: runs the chosen benchmarks
// (all by default), prints their markdown tables, writes JSON to bench/results/.
// Never part of `npm test`. Options: --quick (smaller, shorter runs).
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
  console.log(`\n${sections.join('\n\n')}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
