import type { ResolvedOrder } from '@kn/platform';

/** Twinning `alias` active in the year bound to the two placeholders (same year twice). */
export const ACTIVE_IN_YEAR = (alias: string) =>
  `(${alias}.status in ('ACTIVE', 'ENDED') and ${alias}.starts_on <= make_date(?::int, 12, 31)
    and (${alias}.ends_on is null or ${alias}.ends_on >= make_date(?::int, 1, 1)))`;

/** The sponsor's name as a column of the list, only when the order sorts by it (`SPONSOR_NAME`). */
export function sponsorNameColumn(order: ResolvedOrder, alias: string): string {
  return order.keys.some((k) => k.column === 'sponsor_name')
    ? `, (select sn.name from sponsors.sponsor sn where sn.tenant_id = ${alias}.tenant_id and sn.id = ${alias}.sponsor_id) as sponsor_name`
    : '';
}
