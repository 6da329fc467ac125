#!/usr/bin/env node
/**
 * Draws the app icon: build/icon.png (1024×1024, what electron-builder turns into
 * .icns/.ico/Linux icons) and build/icon.svg, both from the one shape list below.
 * Pure Node (zlib + a small PNG encoder); shapes are signed-distance functions, so
 * edges are anti-aliased without a graphics library. Run: node scripts/make-icon.mjs
 * A script for the command line only; nothing imports it.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SIZE = 1024;
const outDir = path.resolve(import.meta.dirname, '..', 'build');

// ---- The design: a teal rounded square holding a calendar page with a care cross.
// (A teal cross, not a red one: the red cross on white is a protected emblem.)
const BG = { x: 64, y: 64, w: 896, h: 896, r: 200, top: '#14b8a6', bottom: '#0f766e' };
const CARD = { x: 232, y: 300, w: 560, h: 508, r: 64, fill: '#ffffff' };
const HEADER = { height: 124, fill: '#134e4a' };
const SHADOW = { dy: 20, blur: 30, opacity: 0.3 };
const RINGS = [384, 640].map((cx) => ({ x: cx - 30, y: 236, w: 60, h: 128, r: 30, fill: '#f0fdfa' }));
const CROSS = { cx: 512, cy: 614, long: 300, thick: 104, r: 20, fill: '#0d9488' };
const crossBars = [
  { x: CROSS.cx - CROSS.long / 2, y: CROSS.cy - CROSS.thick / 2, w: CROSS.long, h: CROSS.thick, r: CROSS.r },
  { x: CROSS.cx - CROSS.thick / 2, y: CROSS.cy - CROSS.long / 2, w: CROSS.thick, h: CROSS.long, r: CROSS.r },
];

// ---- Raster: signed distance to a rounded rectangle (negative inside).
function sdRect(px, py, { x, y, w, h, r }) {
  const qx = Math.abs(px - (x + w / 2)) - (w / 2 - r);
  const qy = Math.abs(py - (y + h / 2)) - (h / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
const coverage = (d) => Math.min(1, Math.max(0, 0.5 - d));
const smoothstep = (a, b, v) => {
  const t = Math.min(1, Math.max(0, (v - a) / (b - a)));
  return t * t * (3 - 2 * t);
};
const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

function render() {
  const px = Buffer.alloc(SIZE * SIZE * 4);
  const top = rgb(BG.top), bottom = rgb(BG.bottom), white = rgb(CARD.fill), header = rgb(HEADER.fill);
  const ring = rgb(RINGS[0].fill), cross = rgb(CROSS.fill);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const cx = x + 0.5, cy = y + 0.5;
      // Straight-alpha "over" compositing, bottom layer first.
      let color = [0, 0, 0], alpha = 0;
      const over = (c, a) => {
        if (a <= 0) return;
        const out = a + alpha * (1 - a);
        color = color.map((v, i) => (c[i] * a + v * alpha * (1 - a)) / out);
        alpha = out;
      };
      const bgD = sdRect(cx, cy, BG);
      over(mix(top, bottom, (cy - BG.y) / BG.h), coverage(bgD));
      const bgMask = coverage(bgD); // the shadow stays inside the rounded square
      over([0, 0, 0], SHADOW.opacity * bgMask * (1 - smoothstep(-SHADOW.blur, SHADOW.blur, sdRect(cx, cy - SHADOW.dy, CARD))));
      const cardD = sdRect(cx, cy, CARD);
      over(white, coverage(cardD));
      over(header, coverage(Math.max(cardD, cy - (CARD.y + HEADER.height))));
      for (const r of RINGS) over(ring, coverage(sdRect(cx, cy, r)));
      over(cross, coverage(Math.min(...crossBars.map((b) => sdRect(cx, cy, b)))));
      const o = (y * SIZE + x) * 4;
      px[o] = Math.round(color[0]);
      px[o + 1] = Math.round(color[1]);
      px[o + 2] = Math.round(color[2]);
      px[o + 3] = Math.round(alpha * 255);
    }
  }
  return px;
}

// ---- PNG: signature, IHDR, one IDAT (zlib of filter-0 rows), IEND.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function encodePng(rgba, width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit, RGBA, deflate, no filter set, no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- SVG: the same shapes as vector markup.
const rect = ({ x, y, w, h, r }, attrs) => `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${r}" ${attrs}/>`;
function svg() {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <title>Clinic Front Desk</title>
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${BG.top}"/><stop offset="1" stop-color="${BG.bottom}"/></linearGradient>
    <clipPath id="square">${rect(BG, '')}</clipPath>
    <clipPath id="card">${rect(CARD, '')}</clipPath>
    <filter id="blur" x="-20%" y="-20%" width="140%" height="140%"><feGaussianBlur stdDeviation="${SHADOW.blur / 2}"/></filter>
  </defs>
  ${rect(BG, 'fill="url(#bg)"')}
  <g clip-path="url(#square)">${rect({ ...CARD, y: CARD.y + SHADOW.dy }, `fill="#000" opacity="${SHADOW.opacity}" filter="url(#blur)"`)}</g>
  ${rect(CARD, `fill="${CARD.fill}"`)}
  <rect x="${CARD.x}" y="${CARD.y}" width="${CARD.w}" height="${HEADER.height}" fill="${HEADER.fill}" clip-path="url(#card)"/>
  ${RINGS.map((r) => rect(r, `fill="${r.fill}"`)).join('\n  ')}
  ${crossBars.map((b) => rect(b, `fill="${CROSS.fill}"`)).join('\n  ')}
</svg>
`;
}

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'icon.png'), encodePng(render(), SIZE, SIZE));
fs.writeFileSync(path.join(outDir, 'icon.svg'), svg());
console.log(`wrote ${path.join(outDir, 'icon.png')} and icon.svg`);
