import { Migration } from '@mikro-orm/migrations';

const S = 'communes';

/** Issue #18 §4: a unit's position (WGS 84) where the national data gives one, and where it came from. */
export class Migration20261206210000_provinces_location extends Migration {
  override async up(): Promise<void> {
    const sql = [
      `alter table ${S}.admin_unit
         add column latitude double precision check (latitude between -90 and 90),
         add column longitude double precision check (longitude between -180 and 180),
         add column location_source text,
         add constraint admin_unit_location_complete check (
           (latitude is null) = (longitude is null) and (latitude is null) = (location_source is null))`,
    ];
    for (const s of sql) this.addSql(s);
  }
}
