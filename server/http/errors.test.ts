/** Only real server faults are 500s: what the store refuses in a request's data is a 400. */
import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { installErrorHandling } from './errors.js';

async function answerTo(err: Error): Promise<{ status: number; code: string }> {
  const app = Fastify({ logger: false });
  installErrorHandling(app, 1024);
  app.get('/x', async () => { throw err; });
  const res = await app.inject({ method: 'GET', url: '/x' });
  await app.close();
  return { status: res.statusCode, code: (JSON.parse(res.body) as { error: { code: string } }).error.code };
}

const storeError = (code: string) => Object.assign(new Error('from the store'), { code });

describe('the error handler', () => {
  it('answers 400 for PostgreSQL data exceptions and program limits', async () => {
    for (const code of ['22P05', '22021', '22003', '54001']) expect(await answerTo(storeError(code)), code).toEqual({ status: 400, code: 'unstorable' });
  });

  it('answers 500 for anything else, telling nothing of it', async () => {
    for (const err of [storeError('40P01'), storeError('XX000'), storeError('FST_SOMETHING'), new RangeError('Maximum call stack size exceeded')]) {
      expect(await answerTo(err)).toEqual({ status: 500, code: 'internal' });
    }
  });
});
