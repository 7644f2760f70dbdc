// A tiny PNG encoder (RGBA, no filtering) and the add-in's icon, drawn in code so the
// build needs no image files and no dependencies beyond node:zlib.
import { deflateSync } from 'node:zlib';

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
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** rgba: Uint8Array of width*height*4 bytes. */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The icon: a green rounded sheet with a white header bar and ruled rows (a ledger). */
export function iconPng(size) {
  const px = new Uint8Array(size * size * 4);
  const r = Math.max(1, Math.round(size * 0.15));
  const inset = Math.max(1, Math.round(size * 0.2));
  const line = Math.max(1, Math.round(size / 16));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      // rounded corners
      const cx = x < r ? r - x : x >= size - r ? x - (size - r - 1) : 0;
      const cy = y < r ? r - y : y >= size - r ? y - (size - r - 1) : 0;
      if (cx * cx + cy * cy > r * r) continue;
      let [R, G, B] = [0x10, 0x7c, 0x41]; // Excel green
      const inside = x >= inset && x < size - inset && y >= inset && y < size - inset;
      if (inside) {
        const rel = y - inset;
        const h = size - 2 * inset;
        const header = rel < Math.max(line * 2, Math.round(h * 0.22));
        const ruled = rel % Math.max(line * 3, Math.round(h / 4)) < line;
        const column = x - inset < line || x - inset === Math.round((size - 2 * inset) * 0.35);
        if (header || ruled || column) [R, G, B] = [0xff, 0xff, 0xff];
        else [R, G, B] = [0xd9, 0xf2, 0xe3];
      }
      px[i] = R;
      px[i + 1] = G;
      px[i + 2] = B;
      px[i + 3] = 0xff;
    }
  }
  return encodePng(size, size, px);
}

export const ICON_SIZES = [16, 32, 64, 80, 128];
