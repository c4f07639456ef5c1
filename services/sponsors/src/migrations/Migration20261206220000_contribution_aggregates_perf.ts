import { Migration } from '@mikro-orm/migrations';
import { tenantTableRls } from '@kn/platform';
import { AGGREGATE_SOURCES, AGGREGATE_TABLES, aggregateTableSql, aggregateTriggersSql, rebuildAggregateSql } from '../contributions/aggregates.js';

const S = 'sponsors';

/**
 * Maintained aggregates of contributions (issue 16, `contributions/aggregates.ts`): the summary
 * tables, filled from the rows already there, then the triggers that keep them equal to the rows in
 * the same transaction as every change. Tables and triggers are created in one migration (one
 * transaction), so no change can slip between the fill and the first trigger.
 */
export class Migration20261206220000_contribution_aggregates_perf extends Migration {
  override async up(): Promise<void> {
    const sources = AGGREGATE_SOURCES;
    for (const source of sources) this.addSql(aggregateTableSql(source));
    // the owner reads every tenant's rows to fill them (FORCE RLS applies to the owner too); the
    // summary tables get their policies only after the fill
    this.addSql(`select set_config('app.read_all', 'on', true)`);
    for (const source of sources) for (const sql of rebuildAggregateSql(source)) this.addSql(sql);
    this.addSql(`select set_config('app.read_all', 'off', true)`);
    for (const source of sources) for (const sql of tenantTableRls(S, AGGREGATE_TABLES[source].slice(S.length + 1))) this.addSql(sql);
    for (const sql of aggregateTriggersSql()) this.addSql(sql);
  }
}
