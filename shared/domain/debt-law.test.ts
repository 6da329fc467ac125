import { describe, expect, it } from 'vitest';
import { collectionSchemas } from '../schemas/index.js';
import * as law from './debt-law.js';
import { NORWEGIAN_REMINDER_FEE_MAX_MINOR } from './reminder-fees.js';

describe('the debt-collection rules', () => {
  it('each names its source and the day it applies from', () => {
    const rules = Object.values(law).filter((v): v is law.DebtRule<number> => typeof v === 'object' && v !== null && 'value' in v);
    expect(rules.length).toBeGreaterThanOrEqual(4);
    for (const r of rules) {
      expect(r.source).toMatch(/inkasso/);
      expect(r.appliesFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('are the figures the schema and the fee rule use', () => {
    // The settings schema states the inkassovarsel's minimum too (a schema cannot import it): they must agree.
    expect((collectionSchemas.settings.properties as Record<string, { minimum?: number }>).finalNoticeGivesDays!.minimum).toBe(law.FINAL_NOTICE_MIN_DAYS.value);
    expect(NORWEGIAN_REMINDER_FEE_MAX_MINOR).toBe(law.REMINDER_FEE_MAX_MINOR.value);
  });
});
