import { describe, expect, it } from 'vitest';
import { clockFromEnv, schedulerExpressionFromEnv, stripeApiFromEnv } from './test-env.js';

describe('test-only host settings', () => {
  it('are off unless a test sets them', () => {
    expect(clockFromEnv({})).toBeUndefined();
    expect(schedulerExpressionFromEnv({})).toBeUndefined();
    expect(stripeApiFromEnv({})).toBeUndefined();
  });

  it('send Stripe calls only to a local test server', () => {
    expect(stripeApiFromEnv({ FRONTDESK_STRIPE_API: 'http://127.0.0.1:12111' })).toEqual({ host: '127.0.0.1', port: 12111, protocol: 'http', maxNetworkRetries: 0 });
    for (const elsewhere of ['https://api.stripe.com', 'http://example.com:80', 'http://127.0.0.1', 'http://10.0.0.5:12111']) {
      expect(() => stripeApiFromEnv({ FRONTDESK_STRIPE_API: elsewhere })).toThrow('FRONTDESK_STRIPE_API must be http://127.0.0.1:PORT');
    }
  });

  it('tick the scheduler faster only for whole seconds under a minute', () => {
    expect(schedulerExpressionFromEnv({ FRONTDESK_SCHEDULER_SECONDS: '2' })).toBe('*/2 * * * * *');
    expect(schedulerExpressionFromEnv({ FRONTDESK_SCHEDULER_SECONDS: '60' })).toBeUndefined();
    expect(schedulerExpressionFromEnv({ FRONTDESK_SCHEDULER_SECONDS: 'x' })).toBeUndefined();
  });
});
