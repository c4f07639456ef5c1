import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, receiveUpload } from './upload.js';

const PDF_HEAD = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');

async function* pieces(...parts: Buffer[]) {
  for (const p of parts) yield new Uint8Array(p);
}

async function* breaksOff(first: Buffer) {
  yield new Uint8Array(first);
  throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
}

const reasonOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return null;
  } catch (e) {
    return (e as { extensions?: { reason?: string } }).extensions?.reason ?? String(e);
  }
};

describe('receiveUpload', () => {
  it('stores a file in chunks of CHUNK_BYTES, with its size, SHA-256 and type from its bytes', async () => {
    const body = Buffer.concat([PDF_HEAD, Buffer.alloc(CHUNK_BYTES * 2 + 10, 7)]);
    const stored: Buffer[] = [];
    const got = await receiveUpload(pieces(body.subarray(0, 1000), body.subarray(1000)), {
      maxBytes: 10 * 1024 * 1024,
      declaredBytes: body.length,
      store: async (seq, data) => void (stored[seq] = Buffer.from(data)),
    });
    expect(got).toMatchObject({ sizeBytes: body.length, ext: 'pdf', mime: 'application/pdf', chunkCount: 3 });
    expect(stored.map((c) => c.length)).toEqual([CHUNK_BYTES, CHUNK_BYTES, body.length - 2 * CHUNK_BYTES]);
    expect(Buffer.concat(stored).equals(body)).toBe(true);
  });

  it('refuses a body shorter than its declared length, or one that breaks off: UPLOAD_TRUNCATED', async () => {
    const opts = { maxBytes: 1 << 20, store: async () => undefined };
    expect(await reasonOf(receiveUpload(pieces(PDF_HEAD), { ...opts, declaredBytes: PDF_HEAD.length + 1 }))).toBe('UPLOAD_TRUNCATED');
    expect(await reasonOf(receiveUpload(breaksOff(PDF_HEAD), { ...opts, declaredBytes: null }))).toBe('UPLOAD_TRUNCATED');
  });

  it('refuses too large, empty and not allowed before storing anything', async () => {
    let writes = 0;
    const opts = { store: async () => void writes++ };
    expect(await reasonOf(receiveUpload(pieces(), { ...opts, maxBytes: 100, declaredBytes: 101 }))).toBe('FILE_TOO_LARGE');
    expect(await reasonOf(receiveUpload(pieces(PDF_HEAD, Buffer.alloc(200)), { ...opts, maxBytes: 100, declaredBytes: null }))).toBe('FILE_TOO_LARGE');
    expect(await reasonOf(receiveUpload(pieces(), { ...opts, maxBytes: 100, declaredBytes: 0 }))).toBe('FILE_EMPTY');
    expect(await reasonOf(receiveUpload(pieces(Buffer.from('plain text')), { ...opts, maxBytes: 100, declaredBytes: null }))).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(writes).toBe(0);
  });
});
