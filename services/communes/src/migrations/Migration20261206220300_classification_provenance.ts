import { Migration } from '@mikro-orm/migrations';

const S = 'communes';

/** Issue #12: a classification says where it comes from (the shared `Provenance` value, as JSON). */
export class Migration20261206220300_classification_provenance extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table ${S}.unit_classification add column provenance jsonb check (provenance is null or (jsonb_typeof(provenance) = 'object' and provenance->>'kind' in ('DOCUMENT', 'INTERPRETATION', 'PROVINCE_SETTING', 'EXTERNAL', 'SYNTHETIC')))`,
    );
  }
}
