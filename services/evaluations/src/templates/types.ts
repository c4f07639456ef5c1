import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@kn/platform';
import { ProgramRef } from '../common/stubs.js';

@ObjectType({ description: 'A column of a report table: its heading (the document’s words) and where its figures come from.' })
export class ReportTemplateColumn {
  @Field(() => String) header!: string;
  @Field(() => String, { description: 'Dotted path in a row of the section’s answer.' }) value!: string;
  @Field(() => String, { description: 'text, int, vnd, decimal, date, enum, boolean or index.' }) kind!: string;
  @Field(() => Boolean, { description: 'Summed in the total row.' }) total!: boolean;
}

@ObjectType({ description: 'A section of a report: a heading, the query whose answer fills its table, the columns.' })
export class ReportTemplateSection {
  @Field(() => String) heading!: string;
  @Field(() => String, { nullable: true, description: 'The document’s words it answers.' }) note!: string | null;
  @Field(() => String, { description: 'GraphQL, asked as the person generating the report; variables $year $from $to $asOf $programId.' })
  query!: string;
  @Field(() => [ReportTemplateColumn]) columns!: ReportTemplateColumn[];
  @Field(() => String, { nullable: true }) totalLabel!: string | null;
}

@ObjectType({
  description:
    'A report a programme asks for, as data per province and programme (like rule sets), with versions: the document’s ' +
    'title and headings and, per section, the query that fills it. Generated at the gateway: POST /reports (docs/REPORTS.md).',
})
export class ReportTemplate {
  @Field(() => ID) id!: string;
  @Field(() => ProgramRef) program!: ProgramRef;
  @Field(() => String) code!: string;
  @Field(() => Int) version!: number;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) subtitle!: string | null;
  @Field(() => String) issuer!: string;
  @Field(() => String, { description: 'HALF_YEAR ("2019-H2") or YEAR ("2019").' }) period!: string;
  @Field(() => String, { description: 'Where the document asks for this report, quoted.' }) source!: string;
  @Field(() => [ReportTemplateSection]) sections!: ReportTemplateSection[];
  @Field(() => String, { description: 'The whole definition as JSON text (what `publishReportTemplate` takes).' }) definition!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String) createdBy!: string;
  @Field(() => DateScalar, { description: 'The day it was published.' }) publishedOn!: string;
}
