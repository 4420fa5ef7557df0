// Minimal PNG encoding and decoding (8-bit RGBA, no interlace). Written by hand rather than adding an image
// package: the Teams icons are two small generated images, and the tests only need to read them back.
import { crc32, deflateSync, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes, rows top to bottom. */
  pixels: Uint8Array;
}

export function encodePng({ width, height, pixels }: RgbaImage): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, no filter method, no interlace
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    // Filter type 0 (none) on every row: the images are tiny, compression ratio does not matter.
    raw[y * (width * 4 + 1)] = 0;
    raw.set(pixels.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
}

/** Width, height and pixel format from the IHDR chunk, which a valid PNG always carries first. */
export function readPngHeader(file: Uint8Array): PngHeader {
  const buffer = Buffer.from(file);
  if (!buffer.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  if (buffer.toString('ascii', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR first');
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20), bitDepth: buffer[24]!, colorType: buffer[25]! };
}

/** Pixels of an 8-bit RGBA PNG written with filter type 0 rows (what encodePng writes). */
export function decodePng(file: Uint8Array): RgbaImage {
  const header = readPngHeader(file);
  if (header.bitDepth !== 8 || header.colorType !== 6) throw new Error('only 8-bit RGBA PNGs are decoded here');
  const buffer = Buffer.from(file);
  const idat: Buffer[] = [];
  for (let offset = 8; offset < buffer.length; ) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('ascii', offset + 4, offset + 8);
    if (type === 'IDAT') idat.push(buffer.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = header.width * 4 + 1;
  const pixels = new Uint8Array(header.width * header.height * 4);
  for (let y = 0; y < header.height; y++) {
    if (raw[y * stride] !== 0) throw new Error(`row ${y} uses PNG filter ${raw[y * stride]}; only filter 0 is decoded here`);
    pixels.set(raw.subarray(y * stride + 1, (y + 1) * stride), y * header.width * 4);
  }
  return { width: header.width, height: header.height, pixels };
}
