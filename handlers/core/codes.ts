import { createHash, randomInt } from 'node:crypto';

// No 0/O, 1/I/L: codes are read from logs and typed by hand.
const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A one-time code like `K7Q2-9XPM` (~40 bits): enough against guessing for a code that expires and works once. */
export function newCode(): string {
  const chars = Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** Codes are compared by hash, case- and dash-insensitively. */
export function hashCode(code: string): string {
  const normalised = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return createHash('sha256').update(normalised).digest('hex');
}
