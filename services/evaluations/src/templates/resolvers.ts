import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Ctx as C } from '../loaders.js';
import { publishedOn, reportTemplatesService as templates, type ReportTemplateRow } from './service.js';
import { ReportTemplate, ReportTemplateColumn, ReportTemplateSection } from './types.js';

@Resolver(() => ReportTemplate)
export class ReportTemplateResolver {
  @Query(() => [ReportTemplate], { description: 'Staff: your province’s report templates (of one programme), the current version of each unless `allVersions`.' })
  reportTemplates(
    @Ctx() ctx: C,
    @Arg('programId', () => ID, { nullable: true }) programId?: string,
    @Arg('allVersions', () => Boolean, { nullable: true }) allVersions?: boolean,
  ) {
    return templates.list(ctx, programId, allVersions ?? false);
  }

  @Query(() => ReportTemplate, { nullable: true, description: 'Staff: one version of a report template.' })
  reportTemplate(@Ctx() ctx: C, @Arg('id', () => ID) id: string) {
    return templates.get(ctx, id);
  }

  @Mutation(() => ReportTemplate, {
    description: 'Admins: publish a new version of a report template (JSON, see docs/REPORTS.md); earlier versions never change. Audited.',
  })
  publishReportTemplate(
    @Ctx() ctx: C,
    @Arg('programId', () => ID) programId: string,
    @Arg('definition', () => String, { description: 'The template as JSON text.' }) definition: string,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ) {
    return templates.publish(ctx, programId, definition, note);
  }

  @FieldResolver()
  program(@Root() r: ReportTemplateRow) {
    return { id: r.programId };
  }

  @FieldResolver(() => String, { nullable: true })
  subtitle(@Root() r: ReportTemplateRow) {
    return r.definition.subtitle ?? null;
  }

  @FieldResolver(() => String)
  issuer(@Root() r: ReportTemplateRow) {
    return r.definition.issuer;
  }

  @FieldResolver(() => String)
  period(@Root() r: ReportTemplateRow) {
    return r.definition.period;
  }

  @FieldResolver(() => String)
  source(@Root() r: ReportTemplateRow) {
    return r.definition.source;
  }

  @FieldResolver(() => [ReportTemplateSection])
  sections(@Root() r: ReportTemplateRow): ReportTemplateSection[] {
    return r.definition.sections.map((s) => ({
      heading: s.heading,
      note: s.note ?? null,
      query: s.query,
      totalLabel: s.totalLabel ?? null,
      columns: s.columns.map((c): ReportTemplateColumn => ({ header: c.header, value: c.value, kind: c.kind, total: c.total })),
    }));
  }

  @FieldResolver(() => String)
  definition(@Root() r: ReportTemplateRow) {
    return JSON.stringify(r.definition);
  }

  @FieldResolver()
  publishedOn(@Root() r: ReportTemplateRow) {
    return publishedOn(r);
  }
}
