import { Migration } from '@mikro-orm/migrations';

const S = 'programs';

/**
 * Issue #12 (faithful to the letter): where every target and task comes from (`provenance`, the
 * platform's shared `Provenance` value as JSON), and the legal texts a programme rests on.
 */
export class Migration20261206220000_provenance extends Migration {
  override async up(): Promise<void> {
    const ok = (c: string) =>
      `check (${c} is null or (jsonb_typeof(${c}) = 'object' and ${c}->>'kind' in ('DOCUMENT', 'INTERPRETATION', 'PROVINCE_SETTING', 'EXTERNAL', 'SYNTHETIC')))`;
    this.addSql(`alter table ${S}.target add column provenance jsonb ${ok('provenance')}`);
    this.addSql(`alter table ${S}.task add column provenance jsonb ${ok('provenance')}`);
    this.addSql(`alter table ${S}.program add column legal_bases jsonb not null default '[]' check (jsonb_typeof(legal_bases) = 'array')`);
  }
}
