/**
 * For end-to-end tests of the browser host only: a clock the test can move, and a faster
 * scheduler tick. FRONTDESK_CLOCK_FILE names a file holding an offset in milliseconds
 * (read at every call, so the test can change it while the host runs);
 * FRONTDESK_SCHEDULER_SECONDS ticks the scheduler every N seconds instead of every minute.
 * Neither is read by the desktop app. Node-only; imported by electron/host/cli.ts.
 */
import fs from 'node:fs';

export function clockFromEnv(env: NodeJS.ProcessEnv): (() => Date) | undefined {
  const file = env.FRONTDESK_CLOCK_FILE;
  if (!file) return undefined;
  return () => {
    let offset = 0;
    try {
      offset = Number(fs.readFileSync(file, 'utf8').trim()) || 0;
    } catch {
      // No file yet: real time.
    }
    return new Date(Date.now() + offset);
  };
}

export function schedulerExpressionFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const seconds = Number(env.FRONTDESK_SCHEDULER_SECONDS);
  return Number.isInteger(seconds) && seconds > 0 && seconds < 60 ? `*/${seconds} * * * * *` : undefined;
}
