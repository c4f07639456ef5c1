import { createHash, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrm } from '@kn/platform';
import type { ServiceProcess } from '@kn/devkit/processes';
import { entities } from '@kn/sponsors/orm';
import { sweepUnattachedFiles } from '@kn/sponsors/files/sweep';
import { adminSql, codes, gql, ok, platform, tokenFor } from '../support/client.js';
import { pdfText } from '../support/pdf.js';
import { startExtraGateway } from '../support/gateway.js';
import { createTestTenant } from '../support/tenants.js';
import { auditRowsOf, RECORD, writableTenant, type WritableTenant } from '../sponsors/support.js';
import { storedZip, tinyDocx, tinyPdf, tinyPng, tinyXlsx } from './real-files.js';

const base = (gatewayUrl = platform().gatewayUrl) => gatewayUrl.replace(/\/graphql$/, '');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** POST /files as a caller: the bytes as the body (streamed, no Content-Length, when `chunked`). */
async function upload(token: string | null, bytes: Buffer, opts: { name?: string; chunked?: boolean; gateway?: string } = {}) {
  const requestId = `test-${randomUUID()}`;
  const body = opts.chunked
    ? new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < bytes.length; i += 64 * 1024) c.enqueue(new Uint8Array(bytes.subarray(i, i + 64 * 1024)));
          c.close();
        },
      })
    : bytes;
  const res = await fetch(`${base(opts.gateway)}/files${opts.name ? `?name=${encodeURIComponent(opts.name)}` : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-request-id': requestId, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
    ...(opts.chunked ? { duplex: 'half' } : {}),
  } as RequestInit);
  const json = (await res.json()) as any;
  return { status: res.status, json, requestId, error: json.errors?.[0]?.extensions as Record<string, unknown> | undefined };
}

async function download(token: string, id: string) {
  const res = await fetch(`${base()}/files/${id}`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, json: () => JSON.parse(bytes.toString('utf8')) };
}

/** An upload over a bare socket (headers as given): what the gateway answers, as text. */
function rawUpload(token: string, lengthHeader: string, bytes: Buffer, halfClose: boolean): Promise<string> {
  const { port, hostname } = new URL(platform().gatewayUrl);
  return new Promise<string>((resolve) => {
    const socket = connect({ port: Number(port), host: hostname === 'localhost' ? '127.0.0.1' : hostname, allowHalfOpen: true }, () => {
      socket.write(`POST /files HTTP/1.1\r\nhost: ${hostname}\r\nauthorization: Bearer ${token}\r\ncontent-type: application/octet-stream\r\n${lengthHeader}\r\n\r\n`);
      socket.write(bytes);
      if (halfClose) socket.end(); // the rest never comes
    });
    let got = '';
    socket.on('data', (d) => {
      got += d.toString('utf8');
      // a whole answer (its headers and Content-Length bytes of body) is all this needs
      const end = got.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: (\d+)/i.exec(got)?.[1];
      const whole = length ? Buffer.byteLength(got.slice(end + 4)) >= Number(length) : got.endsWith('\r\n0\r\n\r\n');
      if (end > 0 && whole) (socket.destroy(), resolve(got));
    });
    socket.on('close', () => resolve(got));
    socket.on('error', () => resolve(got));
    setTimeout(() => (socket.destroy(), resolve(got)), 10_000).unref();
  });
}

/** Rows of the file tables of a tenant (what "nothing stored" is checked against). */
const stored = async (tenant: string) =>
  (
    await adminSql(
      `select (select count(*)::int from sponsors.stored_file where tenant_id = $1) as files,
              (select count(*)::int from sponsors.file_chunk where tenant_id = $1) as chunks`,
      [tenant],
    )
  )[0] as { files: number; chunks: number };

const ATTACH = `mutation($f: ID!, $k: AttachmentKind!, $id: ID!) { attachFile(fileId: $f, to: { kind: $k, id: $id }) { id name attachedTo { kind id attachedBy } } }`;
const DETACH = `mutation($f: ID!, $k: AttachmentKind!, $id: ID!) { detachFile(fileId: $f, from: { kind: $k, id: $id }) { id attachedTo { kind id } } }`;

describe('evidence files: POST /files, attachFile, GET /files/:id', () => {
  let t: WritableTenant;
  let planA: string;
  let proposalA: string;
  let contributionA: string;
  let reportA: string;
  let reportB: string;
  const signedPlan = tinyPdf('Ke hoach ket nghia nam 2024 - da ky');

  beforeAll(async () => {
    t = await writableTenant('files');
    planA = ok(
      await gql(t.partnerA, `mutation($i: SignYearlyPlanInput!) { signYearlyPlan(input: $i) { id } }`, {
        i: { twinningId: t.twinningA, year: 2024, signedOn: '2024-03-20', items: [] },
      }),
    ).signYearlyPlan.id;
    proposalA = ok(
      await gql(t.officer, `mutation($i: SubmitNeedsProposalInput!) { submitNeedsProposal(input: $i) { id } }`, {
        i: { twinningId: t.twinningA, year: 2024, submittedOn: '2024-02-20', items: [] },
      }),
    ).submitNeedsProposal.id;
    contributionA = ok(
      await gql(t.partnerA, RECORD, {
        i: { twinningId: t.twinningA, contributedOn: '2024-05-17', category: 'ECONOMIC_DEVELOPMENT', description: 'Hỗ trợ bò giống', cashVnd: '20000000', inKindVnd: 0, poorHouseholdsHelped: 3, modelsBuilt: 0, peopleTrained: 0, beneficiaries: 3 },
        k: randomUUID(),
      }),
    ).recordContribution.id;
    // the programme asks each of its sponsors for its plan: one report per sponsor (evaluations)
    ok(
      await gql(t.admin, `mutation($i: ReportCalendarRuleInput!) { setReportCalendarRule(input: $i) { id } }`, {
        i: { programId: t.programId, firstYear: 2019, titleVi: 'Kế hoạch năm', titleEn: 'Yearly plan', source: 'thử nghiệm', code: 'PLAN', kind: 'PLAN', reporterKind: 'SPONSOR', reporters: 'PROGRAM_SPONSORS', periodicity: 'YEAR', dueMonth: 3, dueDay: 31 },
      }),
    );
    const reports = ok(await gql(t.officer, `mutation($p: ID!) { scheduleReports(programId: $p, year: 2024) { reports { id reporterId } } }`, { p: t.programId }))
      .scheduleReports.reports as { id: string; reporterId: string }[];
    reportA = reports.find((r) => r.reporterId === t.sponsorA)!.id;
    reportB = reports.find((r) => r.reporterId === t.sponsorB)!.id;
  });

  it('a sponsor uploads its signed plan, attaches it, and downloads the same bytes', async () => {
    const up = await upload(t.partnerA, signedPlan, { name: 'Kế hoạch 2024 (đã ký).pdf' });
    expect(up.status).toBe(201);
    expect(up.json).toMatchObject({ name: 'Kế hoạch 2024 (đã ký).pdf', contentType: 'application/pdf', extension: 'pdf', sizeBytes: signedPlan.length, sha256: sha256(signedPlan) });
    const [uploadAudit] = await auditRowsOf(up.requestId);
    expect(uploadAudit).toMatchObject({ operation: 'uploadFile', actor: 'partner-a' });
    const id = up.json.id as string;

    const attached = await gql(t.partnerA, ATTACH, { f: id, k: 'YEARLY_PLAN', id: planA });
    expect(ok(attached).attachFile.attachedTo).toEqual([{ kind: 'YEARLY_PLAN', id: planA, attachedBy: 'partner-a' }]);
    expect((await auditRowsOf(attached.requestId)).map((r) => r.operation)).toEqual(['attachFile']);
    // attaching again changes nothing
    ok(await gql(t.partnerA, ATTACH, { f: id, k: 'YEARLY_PLAN', id: planA }));

    const plans = ok(await gql(t.officer, `{ yearlyPlans { nodes { id files { id name sha256 sizeBytes url contentType } } } }`)).yearlyPlans.nodes;
    expect(plans.find((p: any) => p.id === planA).files).toEqual([
      { id, name: 'Kế hoạch 2024 (đã ký).pdf', sha256: sha256(signedPlan), sizeBytes: signedPlan.length, url: `/files/${id}`, contentType: 'application/pdf' },
    ]);

    for (const token of [t.partnerA, t.officer, t.analyst]) {
      const got = await download(token, id);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('x-file-sha256')).toBe(sha256(signedPlan));
      expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Kế hoạch 2024 (đã ký).pdf')}`);
      expect(sha256(got.bytes)).toBe(sha256(signedPlan));
    }
    expect(await pdfText((await download(t.officer, id)).bytes)).toContain('Ke hoach ket nghia nam 2024 - da ky');
  });

  it('the type comes from the bytes, not the name: PNG, DOCX and XLSX are taken as what they are', async () => {
    const xlsx = await tinyXlsx([['Nội dung', 'Số tiền (đồng)'], ['Bò giống', 20_000_000]]);
    const cases: [Buffer, string, string][] = [
      [tinyPng(), 'anh-hien-truong.pdf', 'image/png'],
      [tinyDocx('Biên bản họp xã Tân Thanh'), 'bien-ban.bin', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [xlsx, 'bang-ke.docx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ];
    for (const [bytes, name, type] of cases) {
      const up = await upload(t.officer, bytes, { name, chunked: true });
      expect(up.status, JSON.stringify(up.json)).toBe(201);
      expect(up.json).toMatchObject({ contentType: type, sizeBytes: bytes.length, sha256: sha256(bytes) });
      const got = await download(t.officer, up.json.id);
      expect(got.bytes.equals(bytes)).toBe(true);
    }
  });

  it('a file larger than one chunk is stored in chunks and read back whole', async () => {
    // a PDF with 700 kB of content: three 256 KiB chunks
    const big = tinyPdf(`Phu luc ${'0123456789'.repeat(70_000)}`);
    const up = await upload(t.officer, big, { name: 'phu-luc.pdf' });
    expect(up.status).toBe(201);
    const rows = await adminSql(`select count(*)::int as n, sum(length(data))::int as bytes from sponsors.file_chunk where tenant_id = $1 and file_id = $2`, [t.tenant, up.json.id]);
    expect(rows[0]).toEqual({ n: Math.ceil(big.length / (256 * 1024)), bytes: big.length });
    expect(sha256((await download(t.officer, up.json.id)).bytes)).toBe(sha256(big));
  });

  it('bad files are refused with a coded error and nothing is stored', async () => {
    const before = await stored(t.tenant);
    const text = await upload(t.officer, Buffer.from('Đây là một tệp văn bản, không phải PDF.\n'), { name: 'ke-hoach.pdf' });
    expect(text.status).toBe(415);
    expect(text.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FILE_TYPE_NOT_ALLOWED', field: 'file' });
    // a zip that is not an office document
    const zip = await upload(t.officer, storedZip([['ghi-chu.txt', 'không phải DOCX']]), { name: 'x.docx' });
    expect(zip.status).toBe(415);
    expect(zip.error).toMatchObject({ reason: 'FILE_TYPE_NOT_ALLOWED', detected: 'application/zip' });
    const empty = await upload(t.officer, Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FILE_EMPTY' });
    // over the default 20 MB, counted as it streams (no Content-Length)…
    const huge = Buffer.concat([tinyPdf('lon'), Buffer.alloc(20 * 1024 * 1024)]);
    const streamed = await upload(t.officer, huge, { chunked: true });
    expect(streamed.status).toBe(413);
    expect(streamed.error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FILE_TOO_LARGE', maxBytes: 20 * 1024 * 1024 });
    // …or by its Content-Length, answered before the body is read (then the connection is closed)
    const declared = await rawUpload(t.officer, `content-length: ${huge.length}`, huge.subarray(0, 1024), false);
    expect(declared).toMatch(/^HTTP\/1\.1 413/);
    expect(declared).toContain('"reason":"FILE_TOO_LARGE"');
    expect(await stored(t.tenant)).toEqual(before);
    // the audit log has no upload of them either
    expect(await auditRowsOf(text.requestId)).toEqual([]);
  });

  it('a truncated upload (the body ends before its Content-Length) stores nothing', async () => {
    const before = await stored(t.tenant);
    const bytes = tinyPdf('cut short');
    // the client closes its side after part of the body: Node's HTTP server answers 400 itself, and
    // the forwarded body, cut short, fails the subgraph's transaction (the upload reader's refusal,
    // UPLOAD_TRUNCATED, is unit-tested in services/sponsors/src/files/upload.test.ts)
    const answer = await rawUpload(t.officer, `content-length: ${bytes.length + 5000}`, bytes, true);
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(await stored(t.tenant)).toEqual(before);
  });

  it('the limit is configurable (FILES_MAX_BYTES of the gateway)', async () => {
    let gw: ServiceProcess | undefined;
    try {
      gw = await startExtraGateway('gateway-files-small', { FILES_MAX_BYTES: '4096' });
      const before = await stored(t.tenant);
      const fits = await upload(t.officer, tinyPng(), { gateway: gw.url });
      expect(fits.status).toBe(201);
      const over = await upload(t.officer, tinyPdf('x'.repeat(5000)), { gateway: gw.url, chunked: true });
      expect(over.status).toBe(413);
      expect(over.error).toMatchObject({ reason: 'FILE_TOO_LARGE', maxBytes: 4096 });
      expect((await stored(t.tenant)).files).toBe(before.files + 1);
    } finally {
      await gw?.stop();
    }
  });

  it('another province never sees a file: not found, as if it did not exist; other sponsors neither', async () => {
    const up = await upload(t.partnerA, tinyPng(3, 3), { name: 'ảnh.png' });
    const other = await tokenFor(await createTestTenant('files-other'), 'admin');
    const foreign = await download(other, up.json.id);
    expect(foreign.status).toBe(404);
    expect(foreign.json().errors[0].extensions.code).toBe('NOT_FOUND');
    expect(ok(await gql(other, `query($id: ID!) { file(id: $id) { id } }`, { id: up.json.id })).file).toBeNull();
    expect(codes(await gql(other, ATTACH, { f: up.json.id, k: 'YEARLY_PLAN', id: planA }))).toEqual(['NOT_FOUND']);
    // partner B, same province, another sponsor: not its upload, attached to nothing of its own
    expect((await download(t.partnerB, up.json.id)).status).toBe(404);
    expect(codes(await gql(t.partnerB, ATTACH, { f: up.json.id, k: 'YEARLY_PLAN', id: planA }))).toEqual(['NOT_FOUND']);
    // no token: 401 like /graphql
    const anon = await fetch(`${base()}/files/${up.json.id}`);
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // an analyst reads but does not upload
    const analyst = await upload(t.analyst, tinyPng());
    expect(analyst.status).toBe(403);
    expect(analyst.error).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('attaches to needs proposals, contributions and reports (evaluations), and lists them there', async () => {
    const minutes = await upload(t.partnerA, tinyDocx('Biên bản bàn giao'), { name: 'bien-ban.docx' });
    const id = minutes.json.id as string;
    ok(await gql(t.partnerA, ATTACH, { f: id, k: 'CONTRIBUTION', id: contributionA }));
    ok(await gql(t.partnerA, ATTACH, { f: id, k: 'NEEDS_PROPOSAL', id: proposalA }));
    ok(await gql(t.partnerA, ATTACH, { f: id, k: 'REPORT', id: reportA }));
    // sponsor B's report is not partner A's to see: the evaluations subgraph says so
    const theirs = await gql(t.partnerA, ATTACH, { f: id, k: 'REPORT', id: reportB });
    expect(theirs.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_ATTACHMENT_TARGET', field: 'to.id' });
    expect(codes(await gql(t.partnerA, ATTACH, { f: id, k: 'CONTRIBUTION', id: randomUUID() }))).toEqual(['BAD_USER_INPUT']);

    const seen = ok(
      await gql(
        t.partnerA,
        `query($c: ID!) { contribution(id: $c) { files { id } } needsProposals { nodes { id files { id } } } reports(filter: { kind: PLAN }) { nodes { id files { id name } } } }`,
        { c: contributionA },
      ),
    );
    expect(seen.contribution.files).toEqual([{ id }]);
    expect(seen.needsProposals.nodes.find((n: any) => n.id === proposalA).files).toEqual([{ id }]);
    expect(seen.reports.nodes).toEqual([{ id: reportA, files: [{ id, name: 'bien-ban.docx' }] }]);
    const file = ok(await gql(t.officer, `query($id: ID!) { file(id: $id) { attachedTo { kind id } } }`, { id })).file;
    expect(new Set(file.attachedTo.map((a: any) => `${a.kind}:${a.id}`))).toEqual(new Set([`CONTRIBUTION:${contributionA}`, `NEEDS_PROPOSAL:${proposalA}`, `REPORT:${reportA}`]));

    const detached = await gql(t.partnerA, DETACH, { f: id, k: 'NEEDS_PROPOSAL', id: proposalA });
    expect(ok(detached).detachFile.attachedTo).toHaveLength(2);
    const [row] = await auditRowsOf(detached.requestId);
    expect(row).toMatchObject({ operation: 'detachFile', changes: [{ entity: 'FileAttachment', type: 'delete' }] });
    expect(codes(await gql(t.partnerA, DETACH, { f: id, k: 'NEEDS_PROPOSAL', id: proposalA }))).toEqual(['NOT_FOUND']);
  });

  it('deleting a file detaches it everywhere, removes its bytes, and is audited', async () => {
    const up = await upload(t.partnerA, tinyPdf('Bien ban nghiem thu'), { name: 'nghiem-thu.pdf' });
    const id = up.json.id as string;
    ok(await gql(t.partnerA, ATTACH, { f: id, k: 'CONTRIBUTION', id: contributionA }));
    ok(await gql(t.partnerA, ATTACH, { f: id, k: 'YEARLY_PLAN', id: planA }));
    // partner B cannot see it, so cannot delete it
    expect(codes(await gql(t.partnerB, `mutation($id: ID!) { deleteFile(id: $id) }`, { id }))).toEqual(['NOT_FOUND']);
    const del = await gql(t.officer, `mutation($id: ID!) { deleteFile(id: $id) }`, { id });
    expect(ok(del).deleteFile).toBe(true);
    const [row] = await auditRowsOf(del.requestId);
    expect(row.operation).toBe('deleteFile');
    expect(row.changes.map((c: any) => `${c.entity}:${c.type}`).sort()).toEqual(['FileAttachment:delete', 'FileAttachment:delete', 'StoredFile:delete']);
    expect(Object.values(row.before).some((b: any) => b?.sha256 === sha256(tinyPdf('Bien ban nghiem thu')))).toBe(true);
    expect((await download(t.partnerA, id)).status).toBe(404);
    const left = await adminSql(
      `select (select count(*)::int from sponsors.file_chunk where tenant_id = $1 and file_id = $2) as chunks,
              (select count(*)::int from sponsors.file_attachment where tenant_id = $1 and file_id = $2) as attachments`,
      [t.tenant, id],
    );
    expect(left[0]).toEqual({ chunks: 0, attachments: 0 });
    expect(ok(await gql(t.officer, `query($c: ID!) { contribution(id: $c) { files { id } } }`, { c: contributionA })).contribution.files.map((f: any) => f.id)).not.toContain(id);
  });

  it('an upload never attached is removed after a day (the sweep, with its clock given), audited; attached ones stay', async () => {
    const loose = await upload(t.officer, tinyPng(4, 4), { name: 'chua-dinh-kem.png' });
    const kept = await upload(t.officer, tinyPng(5, 5), { name: 'da-dinh-kem.png' });
    ok(await gql(t.officer, ATTACH, { f: kept.json.id, k: 'YEARLY_PLAN', id: planA }));
    // the sweep as the subgraph runs it: the service's own database role, row-level security forced
    const orm = await createOrm({ url: platform().dbUrls.sponsors!.app, schema: 'sponsors', entities });
    try {
      const day = 24 * 3600_000;
      const early = await sweepUnattachedFiles(orm as never, { now: new Date(Date.now() + day - 60_000), maxAgeMs: day });
      expect((await download(t.officer, loose.json.id)).status).toBe(200);
      expect(early.removed).toBe(0);
      const later = await sweepUnattachedFiles(orm as never, { now: new Date(Date.now() + day + 60_000), maxAgeMs: day });
      expect(later.removed).toBeGreaterThanOrEqual(1);
      expect((await download(t.officer, loose.json.id)).status).toBe(404);
      expect((await download(t.officer, kept.json.id)).status).toBe(200);
      const audit = await adminSql(`select actor, changes from sponsors.audit_log where tenant_id = $1 and operation = 'sweepUnattachedFiles'`, [t.tenant]);
      expect(audit).toHaveLength(1);
      expect(audit[0].actor).toBe('system:files-sweep');
      expect(audit[0].changes.map((c: any) => c.key)).toContain(`${t.tenant}~~~${loose.json.id}`);
    } finally {
      await orm.close();
    }
  });
});

