/**
 * The fuses really reach the packaged binary: electron-builder packages a stub app for
 * Linux (`--dir`) with the real electron-builder.yml, laid over as scripts/dist.mjs does,
 * against a stand-in Electron that carries Electron's fuse wire and nothing else (Electron's
 * zip cannot be downloaded here). The wire is read back by hand, not with @electron/fuses,
 * so the check does not share code with what wrote it. Decision 0021.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'electron-builder';
import pkg from '../package.json' with { type: 'json' };

const root = path.resolve(import.meta.dirname, '..');
/** Marks the fuse wire in Electron's binary: then a version byte, a length byte, one byte per fuse. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = '1'.charCodeAt(0);
const OFF = '0'.charCodeAt(0);
/** Electron's fuse order (its build/fuses/fuses.json5), with the state Electron ships. */
const WIRE = [
  ['runAsNode', ON],
  ['cookieEncryption', OFF],
  ['nodeOptions', ON],
  ['nodeCliInspect', ON],
  ['embeddedAsarIntegrityValidation', OFF],
  ['onlyLoadAppFromAsar', OFF],
  ['loadBrowserProcessSpecificV8Snapshot', OFF],
  ['grantFileProtocolExtraPrivileges', ON],
  // A fuse newer than the @electron/fuses electron-builder uses: it must keep Electron's state.
  ['newerFuse', ON],
] as const;

function fakeElectronBinary(): Buffer {
  return Buffer.concat([Buffer.from('not really Electron\0'), Buffer.from(SENTINEL), Buffer.from([1, WIRE.length]), Buffer.from(WIRE.map(([, s]) => s)), Buffer.from('\0end')]);
}

function readWire(binary: Buffer): Record<string, string> {
  const at = binary.indexOf(SENTINEL);
  if (at < 0) throw new Error('no fuse wire in the packaged binary');
  const start = at + SENTINEL.length;
  expect(binary[start]).toBe(1);
  expect(binary[start + 1]).toBe(WIRE.length);
  return Object.fromEntries(WIRE.map(([name], i) => [name, String.fromCharCode(binary[start + 2 + i] ?? 0)]));
}

let tmp = '';
let unpacked = '';

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'packaged-fuses-'));
  const project = path.join(tmp, 'project');
  const electronDist = path.join(tmp, 'electron');
  // What `files` in electron-builder.yml takes: package.json and the built bundles.
  for (const file of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
    fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    fs.writeFileSync(path.join(project, file), '// stub\n');
  }
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: pkg.name, version: pkg.version, description: pkg.description, main: pkg.main }));
  fs.mkdirSync(electronDist);
  fs.writeFileSync(path.join(electronDist, 'electron'), fakeElectronBinary(), { mode: 0o755 });

  await build({
    projectDir: project,
    publish: 'never',
    linux: ['dir'],
    config: {
      extends: path.join(root, 'electron-builder.yml'),
      electronDist,
      electronVersion: pkg.devDependencies.electron,
      directories: { output: path.join(tmp, 'release'), buildResources: path.join(root, 'build') },
    },
  });
  unpacked = path.join(tmp, 'release', 'linux-unpacked');
}, 120_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the packaged Linux desk', () => {
  it('has the fuses of decision 0021 flipped in its binary', () => {
    const wire = readWire(fs.readFileSync(path.join(unpacked, 'clinic-front-desk')));
    expect(wire).toEqual({
      runAsNode: '0',
      cookieEncryption: '1',
      nodeOptions: '0',
      nodeCliInspect: '0',
      // Flipped on Linux too; Electron only checks the hash on macOS and Windows.
      embeddedAsarIntegrityValidation: '1',
      onlyLoadAppFromAsar: '1',
      loadBrowserProcessSpecificV8Snapshot: '0',
      grantFileProtocolExtraPrivileges: '0',
      newerFuse: '1',
    });
  });

  it('carries the app only as app.asar, the one place onlyLoadAppFromAsar lets Electron look', () => {
    const resources = fs.readdirSync(path.join(unpacked, 'resources'));
    expect(resources).toContain('app.asar');
    expect(resources).not.toContain('app');
  });
});
