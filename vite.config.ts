/**
 * One Vite config for every bundle, chosen by --mode:
 *   (default)  the renderer (React app) → dist/renderer
 *   main       Electron's main process → dist/electron/main.cjs
 *   preload    the sandboxed preload (one self-contained file) → dist/electron/preload.cjs
 *   host       browser host mode for plain Node → dist/host/cli.mjs
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import pkg from './package.json' with { type: 'json' };

const root = import.meta.dirname;
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const dependencies = Object.keys(pkg.dependencies);
const isDependency = (id: string) => dependencies.some((d) => id === d || id.startsWith(`${d}/`));

function nodeBundle(entry: string, outDir: string, fileName: string, format: 'es' | 'cjs', bundleDeps: boolean): UserConfig {
  return {
    publicDir: false,
    define: { 'process.env.FRONTDESK_VERSION': JSON.stringify(pkg.version) },
    build: {
      ssr: path.join(root, entry),
      outDir: path.join(root, outDir),
      emptyOutDir: false,
      target: 'node20',
      sourcemap: true,
      minify: false,
      rollupOptions: {
        external: (id) => id === 'electron' || nodeBuiltins.includes(id) || (!bundleDeps && isDependency(id)),
        output: { format, entryFileNames: fileName, inlineDynamicImports: true },
      },
    },
    ssr: bundleDeps ? { noExternal: true } : {},
  };
}

export default defineConfig(({ mode }): UserConfig => {
  switch (mode) {
    case 'main':
      return nodeBundle('electron/main/index.ts', 'dist/electron', 'main.cjs', 'cjs', false);
    case 'preload':
      // Sandboxed preloads can require only 'electron': everything else is bundled in.
      return nodeBundle('electron/main/preload-entry.ts', 'dist/electron', 'preload.cjs', 'cjs', true);
    case 'host':
      return nodeBundle('electron/host/cli.ts', 'dist/host', 'cli.mjs', 'es', false);
    case 'server': return nodeBundle('server/main.ts', 'dist/server', 'main.mjs', 'es', false);
    default:
      return {
        root: path.join(root, 'renderer'),
        base: './',
        plugins: [react()],
        publicDir: path.join(root, 'renderer/public'),
        build: {
          outDir: path.join(root, 'dist/renderer'),
          emptyOutDir: true,
          target: 'chrome130',
          sourcemap: true,
          chunkSizeWarningLimit: 2000,
        },
        server: { host: '127.0.0.1' },
      };
  }
});
