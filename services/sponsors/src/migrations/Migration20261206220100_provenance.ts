import { Migration } from '@mikro-orm/migrations';

const S = 'sponsors';

/**
 * Issue #12: a cycle deadline says where it comes from (`provenance`, the shared value as JSON) and
 * from which day it exists (`effective_from`, the day of the document that creates it: Quảng Nam's
 * 31/03 of decision 1100 dated 16/4/2020 binds no plan of 2020). No deadline of a year that falls
 * before that day: the step has no deadline that year.
 */
export class Migration20261206220100_provenance extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table ${S}.cycle_deadline add column provenance jsonb check (provenance is null or (jsonb_typeof(provenance) = 'object' and provenance->>'kind' in ('DOCUMENT', 'INTERPRETATION', 'PROVINCE_SETTING', 'EXTERNAL', 'SYNTHETIC')))`,
    );
    this.addSql(`alter table ${S}.cycle_deadline add column effective_from date`);
  }
}
