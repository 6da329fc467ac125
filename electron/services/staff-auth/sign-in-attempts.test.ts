import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FREE_WRONG_ATTEMPTS } from '../../../shared/domain/staff-secret.js';
import { openSignInAttempts } from './sign-in-attempts.js';

const NOW = new Date('2026-03-02T10:00:00Z');
const dirs: string[] = [];
const freshDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sign-in-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('sign-in attempts', () => {
  it('keeps a wait across a restart of the app, in a file only this user reads', () => {
    const dir = freshDir();
    const attempts = openSignInAttempts(dir);
    for (let i = 0; i <= FREE_WRONG_ATTEMPTS; i++) attempts.wrong('st-1', NOW);
    expect(attempts.waitFor('st-1', NOW)).toBe(30_000);
    const reopened = openSignInAttempts(dir);
    expect(reopened.waitFor('st-1', NOW)).toBe(30_000);
    expect(reopened.waitFor('st-2', NOW)).toBe(0);
    expect(fs.statSync(path.join(dir, 'sign-in-attempts.json')).mode & 0o777).toBe(0o600);
  });

  it('clears a staff member’s count on the right secret', () => {
    const dir = freshDir();
    const attempts = openSignInAttempts(dir);
    for (let i = 0; i <= FREE_WRONG_ATTEMPTS; i++) attempts.wrong('st-1', NOW);
    attempts.right('st-1');
    expect(openSignInAttempts(dir).waitFor('st-1', NOW)).toBe(0);
  });

  it('reads a damaged file as no waits rather than failing to start', () => {
    const dir = freshDir();
    fs.writeFileSync(path.join(dir, 'sign-in-attempts.json'), '{"st-1": {"failures": "lots"}, "st-2": {"failures": 9, "lockedUntil": "2026-03-02T10:05:00.000Z"}');
    expect(openSignInAttempts(dir).waitFor('st-1', NOW)).toBe(0);
    fs.writeFileSync(path.join(dir, 'sign-in-attempts.json'), '{"st-1": {"failures": "lots"}, "st-2": {"failures": 9, "lockedUntil": "2026-03-02T10:05:00.000Z"}}');
    const attempts = openSignInAttempts(dir);
    expect(attempts.waitFor('st-1', NOW)).toBe(0);
    expect(attempts.waitFor('st-2', NOW)).toBe(300_000);
  });
});
