/**
 * electron-builder.yml, read and validated by electron-builder's own code (the loader and
 * the JSON-schema check `npm run dist` runs), so a typo or a misplaced key fails here, not
 * on the machine that packages. The fuses are decision 0021.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';

const root = path.resolve(import.meta.dirname, '..');
const loadConfig = () => getConfig(root, 'electron-builder.yml', null);
const scheme = JSON.parse(fs.readFileSync(createRequire(import.meta.url).resolve('app-builder-lib/scheme.json'), 'utf8')) as {
  definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
};

/** Decision 0021: what each fuse must be in every packaged desk. */
const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
  loadBrowserProcessSpecificV8Snapshot: false,
} as const;

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    // The validator coerces types in place ("false" → false): it gets a copy.
    const config = structuredClone(await loadConfig());
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('would fail that validation with an unknown fuse (the check can fail)', async () => {
    const config: Configuration = { ...(await loadConfig()), electronFuses: { runAsNode: false, runAsNodee: false } as Configuration['electronFuses'] };
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it.each(Object.entries(REQUIRED_FUSES))('sets the fuse %s to %s (a real boolean)', async (fuse, value) => {
    const fuses: Record<string, unknown> = { ...(await loadConfig()).electronFuses };
    expect(fuses[fuse]).toBe(value);
  });

  it('decides every fuse electron-builder can set, so a new one is never left at its default unnoticed', async () => {
    // resetAdHocDarwinSignature is a signing step, not a fuse.
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties).filter((k) => k !== 'resetAdHocDarwinSignature');
    expect(known.sort()).toEqual(Object.keys(REQUIRED_FUSES).sort());
    expect(Object.keys((await loadConfig()).electronFuses ?? {}).sort()).toEqual(known);
  });

  it('packs the app into an asar and hashes it, which the asar fuses rely on', async () => {
    const config = await loadConfig();
    expect(config.asar).toBe(true);
    // Without the hash in Info.plist or the .exe, a desk with the integrity fuse on quits at start.
    expect(config.disableAsarIntegrity).toBeUndefined();
  });
});
