#!/usr/bin/env node
// `npm start`: builds when the sources are newer than the build, then starts the
// desktop app if Electron's binary is installed, or browser host mode otherwise.
// Options after `--` go to the app: `npm start -- --demo`, `--no-open`, `--port N`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const stamp = path.join(root, 'dist', '.build-stamp');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sources = ['renderer', 'shared', 'electron'].map((d) => newestSource(path.join(root, d)));
const builtAt = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
if (Math.max(...sources, fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs) > builtAt) {
  console.log('Building the app…');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  fs.writeFileSync(stamp, new Date().toISOString());
}

/**
 * Electron's binary, found the way electron's own index.js finds it (path.txt under
 * dist/, or ELECTRON_OVERRIDE_DIST_PATH) — but without requiring that file, which
 * tries to download the binary when it is missing.
 */
function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  const executable = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, executable ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'))
    : executable && path.join(pkg, 'dist', executable);
  return candidate && fs.existsSync(candidate) ? candidate : null;
}

const electron = electronBinary();
const child = electron
  ? spawn(electron, [root, ...args], { stdio: 'inherit' })
  : spawn(process.execPath, [path.join(root, 'dist', 'host', 'cli.mjs'), ...args], { stdio: 'inherit' });
if (!electron) console.log("Electron's binary is not installed here: starting browser host mode.");
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
