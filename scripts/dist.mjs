#!/usr/bin/env node
/**
 * Packages the built app with electron-builder (`npm run dist`, after `npm run build`).
 *
 *   node scripts/dist.mjs [--linux] [--win] [--mac] [--dir]
 *
 * electron-builder needs Electron's zip for each target platform. It downloads it when
 * the machine has internet; otherwise set ELECTRON_DIST to a local Electron folder
 * (unpacked Electron, or a folder of electron-v<version>-<platform>-<arch>.zip files).
 * A script for the command line only; nothing imports it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'electron-builder';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const known = new Set(['--linux', '--win', '--mac', '--dir']);
const unknown = args.filter((a) => !known.has(a));
if (unknown.length > 0) {
  console.error(`dist: unknown option(s) ${unknown.join(' ')}. Use --linux, --win, --mac and/or --dir.`);
  process.exit(2);
}

const required = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html'];
const missing = required.filter((f) => !fs.existsSync(path.join(root, f)));
if (missing.length > 0) {
  console.error(`dist: run "npm run build" first; missing ${missing.join(', ')}.`);
  process.exit(1);
}

const electronDist = process.env.ELECTRON_DIST?.trim() || null;
if (electronDist) {
  if (!fs.existsSync(electronDist)) {
    console.error(`dist: ELECTRON_DIST points at ${electronDist}, which does not exist.`);
    process.exit(1);
  }
  console.log(`dist: using the local Electron in ${electronDist} (ELECTRON_DIST).`);
} else {
  console.log(
    'dist: ELECTRON_DIST is not set, so electron-builder will download Electron and its tools.\n' +
      '      This needs internet. On a machine without it, set ELECTRON_DIST to a local Electron\n' +
      '      folder (unpacked, or holding electron-v<version>-<platform>-<arch>.zip files).',
  );
}

// A config object whose `extends` names a file: electron-builder loads the yml and lays
// these values over it (the same as `--config electron-builder.yml -c.electronDist=…`).
const config = { extends: path.join(root, 'electron-builder.yml'), ...(electronDist ? { electronDist: path.resolve(electronDist) } : {}) };

try {
  const artifacts = await build({
    projectDir: root,
    config,
    publish: 'never',
    ...(args.includes('--linux') ? { linux: [] } : {}),
    ...(args.includes('--win') ? { win: [] } : {}),
    ...(args.includes('--mac') ? { mac: [] } : {}),
    ...(args.includes('--dir') ? { dir: true } : {}),
  });
  console.log(`dist: built\n  ${artifacts.join('\n  ')}`);
} catch (err) {
  console.error(`dist: packaging failed: ${err instanceof Error ? err.message : String(err)}`);
  if (!electronDist) console.error('dist: without internet, set ELECTRON_DIST (see the top of scripts/dist.mjs).');
  process.exit(1);
}
