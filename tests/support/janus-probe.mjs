// Waits until a Janus answers `info` over its WebSocket API, then prints the
// answer as JSON and exits 0 (exit 1 on timeout). Runs as its own process so a
// test can probe a Janus inside a network namespace: `ip netns exec NS node
// janus-probe.mjs URL API_SECRET TIMEOUT_MS`.
import Janode from 'janode';

const [url, apisecret, timeoutArg] = process.argv.slice(2);
const deadline = Date.now() + Number(timeoutArg || 10_000);
Janode.Logger.setLevel('none');

for (;;) {
  try {
    const connection = await Janode.connect({ address: { url, apisecret }, max_retries: 0 });
    const info = await connection.getInfo();
    await connection.close();
    process.stdout.write(`${JSON.stringify(info)}\n`);
    process.exit(0);
  } catch (err) {
    if (Date.now() > deadline) {
      process.stderr.write(
        `Janus at ${url} did not answer: ${err instanceof Error ? err.message : err}\n`,
      );
      process.exit(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
