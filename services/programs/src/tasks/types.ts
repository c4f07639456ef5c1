import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, Provenance } from '@kn/platform';
import { DueKind, TaskStatus } from '../common/enums.js';

@ObjectType({
  description:
    'A calendar rule: “before 31/03 every year” = { months: [3], day: 31, by: true }; “June and December” = { months: [6, 12] }; “Q1” = { quarters: [1] }; “every 6 months” = { intervalMonths: 6 }; “Q4/2019” = { quarters: [4], year: 2019 }.',
})
export class DueRule {
  @Field(() => [Int], { description: 'Months of the year (1–12).' }) months!: number[];
  @Field(() => [Int], { description: 'Quarters (1–4).' }) quarters!: number[];
  @Field(() => Int, { nullable: true, description: 'Day of the (single) month, for a deadline such as 31/03.' }) day!: number | null;
  @Field(() => Boolean, { description: 'A deadline (“trước”, “by”) rather than a time the task happens in.' }) by!: boolean;
  @Field(() => Int, { nullable: true, description: 'The one year the rule is for; null: every year of the programme.' })
  year!: number | null;
  @Field(() => Int, { nullable: true, description: 'A period in months: 6 for “định kỳ 6 tháng”, 3 for “hàng quý”, 12 for “hằng năm”.' })
  intervalMonths!: number | null;
}

@ObjectType({ description: 'When a task is due: a day, a calendar rule, ongoing, or as needed; with the document’s words.' })
export class TaskDue {
  @Field(() => DueKind) kind!: DueKind;
  @Field(() => DateScalar, { nullable: true }) date!: string | null;
  @Field(() => DueRule, { nullable: true }) rule!: DueRule | null;
  @Field(() => String, { nullable: true, description: 'The document’s words, e.g. "Trước ngày 31/3 hằng năm".' }) wording!: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A task the programme assigns to an agency.' })
export class Task {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The task in the document’s words.' }) title!: string;
  @Field(() => String, { description: 'Who carries it out (chủ trì / thực hiện).' }) leadAgency!: string;
  @Field(() => [String], { description: 'Who helps (phối hợp).' }) coordinatingAgencies!: string[];
  @Field(() => String, { nullable: true, description: 'Who directs it (chỉ đạo), where the document says.' }) directingBody!: string | null;
  @Field(() => TaskDue, { nullable: true, description: 'Null when the document sets no time.' }) due!: TaskDue | null;
  @Field(() => TaskStatus) status!: TaskStatus;
  @Field(() => String, { nullable: true, description: 'Where in the document, e.g. "III.1" or "Phụ lục II.1".' }) reference!: string | null;
  @Field(() => Provenance, { nullable: true, description: 'Where the task and its due time come from; null for one recorded without it.' })
  provenance!: Provenance | null;
  @Field(() => Int) version!: number;
}

@InputType({ description: 'When a task is due. DATE needs `date`; RULE needs months, quarters, intervalMonths or year.' })
export class TaskDueInput {
  @Field(() => DueKind) kind!: DueKind;
  @Field(() => DateScalar, { nullable: true }) date?: string | null;
  @Field(() => [Int], { nullable: true }) months?: number[] | null;
  @Field(() => [Int], { nullable: true }) quarters?: number[] | null;
  @Field(() => Int, { nullable: true }) day?: number | null;
  @Field(() => Boolean, { nullable: true }) by?: boolean | null;
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => Int, { nullable: true }) intervalMonths?: number | null;
  @Field(() => String, { nullable: true }) wording?: string | null;
}

@InputType({ description: 'A task’s fields; an update replaces them all.' })
export class TaskInput {
  @Field(() => String) title!: string;
  @Field(() => String) leadAgency!: string;
  @Field(() => [String], { nullable: true }) coordinatingAgencies?: string[] | null;
  @Field(() => String, { nullable: true }) directingBody?: string | null;
  @Field(() => TaskDueInput, { nullable: true }) due?: TaskDueInput | null;
  @Field(() => TaskStatus, { nullable: true, description: 'Default PLANNED; on update, unchanged when omitted.' })
  status?: TaskStatus | null;
  @Field(() => String, { nullable: true }) reference?: string | null;
}
