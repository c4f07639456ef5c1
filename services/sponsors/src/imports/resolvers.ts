import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Ctx as C } from '../loaders.js';
import { importsService as imports } from './service.js';
import { ContributionImportRow, ImportReport } from './types.js';

@Resolver(() => ImportReport)
export class ImportResolver {
  @Mutation(() => ImportReport, {
    description:
      'Officers and admins: imports spreadsheet rows, all or nothing, through the same checks as recordContribution. ' +
      'One bad row: nothing is written and the report lists every bad row. One audit row for the whole import.',
  })
  importContributions(
    @Ctx() ctx: C,
    @Arg('rows', () => [ContributionImportRow]) rows: ContributionImportRow[],
    @Arg('source', () => String, { nullable: true, description: 'A name for the import, e.g. the file name.' }) source?: string,
    @Arg('dryRun', () => Boolean, { nullable: true, defaultValue: false, description: 'Check only; write nothing.' }) dryRun?: boolean,
  ) {
    return imports.importRows(ctx, rows, source, { dryRun: dryRun ?? false });
  }
}
