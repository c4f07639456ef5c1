import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { AppError, Reason, refuse } from '@kn/platform';

/** The types a file may have, decided from its bytes (`file-type`), never from its name. */
export const ALLOWED_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Bytes of one stored chunk (one `file_chunk` row). */
export const CHUNK_BYTES = 256 * 1024;
/**
 * Bytes the type is decided from: the signatures of PDF, JPEG and PNG are in the first bytes; DOCX
 * and XLSX are zip archives whose first entries (`[Content_Types].xml`, `word/…`, `xl/…`) `file-type`
 * reads, which Word, LibreOffice and exceljs all write first.
 */
export const SNIFF_BYTES = 1024 * 1024;

function withStatus(e: AppError, status: number): AppError {
  (e.extensions as Record<string, unknown>).http = { status };
  return e;
}

export const fileTooLarge = (max: number) => withStatus(refuse(`The file is larger than ${max} bytes`, 'file', Reason.FILE_TOO_LARGE, { maxBytes: max }), 413);
export const fileEmpty = () => withStatus(refuse('The file is empty', 'file', Reason.FILE_EMPTY), 400);
export const uploadTruncated = (got: number, declared: number | null) =>
  withStatus(
    refuse(
      declared === null ? 'The upload was cut short' : `The upload was cut short: ${got} of ${declared} bytes came`,
      'file',
      Reason.UPLOAD_TRUNCATED,
      { receivedBytes: got, ...(declared === null ? {} : { declaredBytes: declared }) },
    ),
    400,
  );

/** The allowed type of a file's first bytes, or FILE_TYPE_NOT_ALLOWED (415) naming what it is. */
export async function decideType(head: Uint8Array): Promise<{ ext: string; mime: string }> {
  const found = await fileTypeFromBuffer(head);
  const mime = found ? ALLOWED_TYPES[found.ext] : undefined;
  if (!found || !mime) {
    throw withStatus(
      refuse(
        `Only PDF, JPEG, PNG, DOCX and XLSX files are taken; this one is ${found ? `${found.ext} (${found.mime})` : 'of no type recognised'}`,
        'file',
        Reason.FILE_TYPE_NOT_ALLOWED,
        { detected: found?.mime ?? null, allowed: Object.values(ALLOWED_TYPES) },
      ),
      415,
    );
  }
  return { ext: found.ext, mime };
}

export interface ReceivedFile {
  sizeBytes: number;
  sha256: string;
  chunkCount: number;
  ext: string;
  mime: string;
}

/**
 * Reads an upload as it streams: counts and hashes it, decides its type from its first bytes, and
 * hands `store` one chunk of CHUNK_BYTES at a time (memory: one chunk and the sniffed head). Refuses
 * with a coded error — too large, not an allowed type, empty, cut short — and the caller's
 * transaction, which holds the chunks stored so far, is then rolled back: nothing is kept.
 */
export async function receiveUpload(
  body: AsyncIterable<Uint8Array>,
  opts: { maxBytes: number; declaredBytes: number | null; store: (seq: number, data: Buffer) => Promise<void> },
): Promise<ReceivedFile> {
  if (opts.declaredBytes !== null && opts.declaredBytes > opts.maxBytes) throw fileTooLarge(opts.maxBytes);
  const hash = createHash('sha256');
  let size = 0;
  let seq = 0;
  let head: Buffer[] | null = [];
  let headBytes = 0;
  let type: { ext: string; mime: string } | null = null;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async (all: boolean) => {
    while (pendingBytes >= CHUNK_BYTES || (all && pendingBytes > 0)) {
      const joined = Buffer.concat(pending);
      const take = Math.min(CHUNK_BYTES, joined.length);
      await opts.store(seq++, joined.subarray(0, take));
      pending = take < joined.length ? [joined.subarray(take)] : [];
      pendingBytes = joined.length - take;
    }
  };
  try {
    for await (const piece of body) {
      const buf = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      size += buf.length;
      if (size > opts.maxBytes) throw fileTooLarge(opts.maxBytes);
      hash.update(buf);
      if (head) {
        head.push(buf);
        headBytes += buf.length;
        if (headBytes >= SNIFF_BYTES) {
          type = await decideType(Buffer.concat(head));
          head = null;
        }
      }
      pending.push(buf);
      pendingBytes += buf.length;
      // nothing is written before the type is known: a refused type costs no database write
      if (type) await flush(false);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw uploadTruncated(size, opts.declaredBytes); // the client went away mid-body
  }
  if (opts.declaredBytes !== null && size !== opts.declaredBytes) throw uploadTruncated(size, opts.declaredBytes);
  if (size === 0) throw fileEmpty();
  type ??= await decideType(Buffer.concat(head ?? []));
  await flush(true);
  return { sizeBytes: size, sha256: hash.digest('hex'), chunkCount: seq, ...type };
}
