/**
 * A worker process for tests/integration/jobs.test.ts: the real worker (app/modules/jobs) on
 * DATABASE_URL with test jobs that print what they ran. CRASH=1: the `test.crash` job kills its
 * own process (SIGKILL) at its first attempt. SCHEDULE=1: fires `test.tick` every second.
 * SIGTERM stops it gracefully.
 */
import { startWorker } from '~/modules/jobs/worker.server';

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const worker = startWorker({
  workerId: process.env.WORKER_ID,
  pollMs: 50,
  leaseMs: Number(process.env.LEASE_MS ?? 10_000),
  handlers: {
    'test.record': {
      async run(payload) {
        await sleep(20);
        say(`ran ${payload.key}`);
      },
    },
    'test.crash': {
      async run(payload, { attempt }) {
        if (attempt === 1 && process.env.CRASH === '1') {
          say('crashing');
          process.kill(process.pid, 'SIGKILL');
          await sleep(10_000);
        }
        say(`ran ${payload.key} at attempt ${attempt}`);
      },
    },
    'test.tick': {
      async run(payload) {
        say(`tick ${payload.slot}`);
      },
    },
  },
  schedules: process.env.SCHEDULE === '1' ? [{ name: 'test.tick', cron: '* * * * * *' }] : [],
});
// The worker's timers are unref'd (inside the server, the HTTP server keeps the process alive); on
// SQLite nothing else holds this process open, so it would exit right after "ready".
const keepAlive = setInterval(() => {}, 60_000);
say('ready');
process.once('SIGTERM', () => {
  clearInterval(keepAlive);
  void worker.stop().then(() => process.exit(0));
});
