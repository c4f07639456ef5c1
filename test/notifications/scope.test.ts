import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminSql, codes, gql, ok, platform, tokenFor, withDb } from '../support/client.js';
import { writableTenant, type WritableTenant } from '../sponsors/support.js';
import { notificationsOf, REGISTER } from './support.js';

/**
 * Unit scopes on notifications are enforced twice (docs/SECURITY.md "Unit scopes"): the
 * application's filter, and a forced RLS policy reading the scope from the transaction's settings.
 * Four notifications of one province: to commune A, to commune B, to sponsor (agency) A, and one
 * naming no unit or sponsor (province-wide).
 */
describe('notifications: unit scopes in PostgreSQL and through the gateway', () => {
  let t: WritableTenant;
  const ids = { communeA: randomUUID(), communeB: randomUUID(), agencyA: randomUUID(), province: randomUUID() };

  beforeAll(async () => {
    t = await writableTenant('nsc');
    const rows: [string, string[], string[]][] = [
      [ids.communeA, [t.communes[0]!.id], []],
      [ids.communeB, [t.communes[1]!.id], []],
      [ids.agencyA, [], [t.sponsorA]],
      [ids.province, [], []],
    ];
    for (const [id, units, sponsors] of rows) {
      await adminSql(
        `insert into notifications.notification (tenant_id, id, source, outbox_id, event, subject_type, subject_id, payload, recipient_roles, recipient_sponsors, recipient_units, actor, occurred_at)
         values ($1, $2, 'sponsors', gen_random_uuid(), 'SUBMITTED', 'Twinning', gen_random_uuid(), '{"ghiChú":"Thông báo thử"}', '{officer,admin}', $3::uuid[], $4::uuid[], 'test', now())`,
        [t.tenant, id, `{${sponsors.join(',')}}`, `{${units.join(',')}}`],
      );
    }
  });

  /** What the notifications app role sees of the four, with these settings in its transaction (no application filter). */
  const visibleInDb = (settings: Record<string, string>) =>
    withDb(platform().dbUrls.notifications!.app, async (c) => {
      await c.query('begin');
      try {
        for (const [k, v] of Object.entries({ 'app.tenant_id': t.tenant, 'app.read_all': 'off', ...settings })) {
          await c.query('select set_config($1, $2, true)', [k, v]);
        }
        const r = await c.query('select id from notifications.notification where id = any($1::uuid[])', [Object.values(ids)]);
        return r.rows.map((x) => x.id as string).sort();
      } finally {
        await c.query('rollback');
      }
    });
  const sorted = (...xs: string[]) => [...xs].sort();

  it('as the application role, a scoped transaction sees only its scope’s notifications; an unscoped one sees all', async () => {
    expect(await visibleInDb({ 'app.scoped': 'off' })).toEqual(sorted(...Object.values(ids)));
    expect(await visibleInDb({})).toEqual(sorted(...Object.values(ids)));
    expect(await visibleInDb({ 'app.scoped': 'on', 'app.scope_units': `{${t.communes[0]!.id}}`, 'app.scope_sponsors': '{}' })).toEqual([ids.communeA]);
    expect(await visibleInDb({ 'app.scoped': 'on', 'app.scope_units': `{${t.communes[1]!.id}}`, 'app.scope_sponsors': '{}' })).toEqual([ids.communeB]);
    expect(await visibleInDb({ 'app.scoped': 'on', 'app.scope_units': '{}', 'app.scope_sponsors': `{${t.sponsorA}}` })).toEqual([ids.agencyA]);
    // scoped with nothing in reach (or the units setting missing): nothing
    expect(await visibleInDb({ 'app.scoped': 'on' })).toEqual([]);
  });

  it('as the application role, a scoped transaction cannot mark another scope’s notification read, nor write one', async () => {
    const scopedA = { 'app.tenant_id': t.tenant, 'app.read_all': 'off', 'app.scoped': 'on', 'app.scope_units': `{${t.communes[0]!.id}}`, 'app.scope_sponsors': '{}' };
    const attempt = (sql: string, params: unknown[]) =>
      withDb(platform().dbUrls.notifications!.app, async (c) => {
        await c.query('begin');
        try {
          for (const [k, v] of Object.entries(scopedA)) await c.query('select set_config($1, $2, true)', [k, v]);
          await c.query(sql, params);
          return 'written';
        } catch (e) {
          return (e as { code?: string }).code;
        } finally {
          await c.query('rollback');
        }
      });
    // 42501: new row violates row-level security policy
    expect(await attempt(`insert into notifications.notification_read (tenant_id, notification_id, reader) values ($1, $2, 'xa-a')`, [t.tenant, ids.communeB])).toBe('42501');
    expect(await attempt(`insert into notifications.notification_read (tenant_id, notification_id, reader) values ($1, $2, 'xa-a')`, [t.tenant, ids.communeA])).toBe('written');
    expect(
      await attempt(
        `insert into notifications.notification (tenant_id, source, outbox_id, event, subject_type, subject_id, payload, recipient_roles, recipient_sponsors, recipient_units, occurred_at)
         values ($1, 'sponsors', gen_random_uuid(), 'SUBMITTED', 'Twinning', gen_random_uuid(), '{}', '{officer}', '{}', $2::uuid[], now())`,
        [t.tenant, `{${t.communes[1]!.id}}`],
      ),
    ).toBe('42501');
  });

  it('through the gateway: a commune-scoped officer sees its commune’s, not another commune’s; province-wide staff see all four', async () => {
    const four = Object.values(ids);
    const seen = async (token: string) => (await notificationsOf(token)).map((n) => n.id).filter((id) => four.includes(id)).sort();
    const xaA = await tokenFor(t.tenant, 'officer', { sub: 'xa-a', scope: { units: [`commune:${t.communes[0]!.id}`] } });
    const xaB = await tokenFor(t.tenant, 'officer', { sub: 'xa-b', scope: { units: [`commune:${t.communes[1]!.id}`] } });
    const agency = await tokenFor(t.tenant, 'officer', { sub: 'so-a', scope: { units: [`agency:${t.sponsorA}`] } });
    expect(await seen(xaA)).toEqual([ids.communeA]);
    expect(await seen(xaB)).toEqual([ids.communeB]);
    expect(await seen(agency)).toEqual([ids.agencyA]);
    expect(await seen(t.officer)).toEqual(sorted(...four));
    // marking all read marks only what the scope sees
    const r = await gql(xaA, `mutation { markNotificationsRead(all: true) }`);
    expect(ok(r).markNotificationsRead).toBeGreaterThanOrEqual(1);
    const marks = await adminSql(`select notification_id from notifications.notification_read where tenant_id = $1 and reader = $2 and notification_id = any($3::uuid[])`, [
      t.tenant,
      'xa-a',
      four,
    ]);
    expect(marks.map((m) => m.notification_id)).toEqual([ids.communeA]);
  });

  it('registerWebhook refuses ftp and credentials with a stable code and writes nothing', async () => {
    const before = await adminSql(`select count(*)::int as n from notifications.webhook where tenant_id = $1`, [t.tenant]);
    for (const url of ['ftp://example.org/x', 'https://user:pw@example.org/hook']) {
      const r = await gql(t.admin, REGISTER, { i: { url, events: ['SUBMITTED'], secret: 'bí-mật-của-đối-tác-0123456789' } });
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors?.[0]?.extensions?.reason).toBe('INVALID_FORMAT');
    }
    const after = await adminSql(`select count(*)::int as n from notifications.webhook where tenant_id = $1`, [t.tenant]);
    expect(after[0].n).toBe(before[0].n);
  });
});
