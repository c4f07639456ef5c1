import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@kn/platform';
import { ProgramKind, ProgramStatus, ProvisionKind } from '../common/enums.js';

@ObjectType({ description: 'A provision of the programme’s text that is neither a target nor a task, quoted word for word.' })
export class Provision {
  @Field(() => ProvisionKind) kind!: ProvisionKind;
  @Field(() => String, { nullable: true, description: 'The heading it sits under, e.g. “Đối với các huyện, thành phố”.' })
  heading!: string | null;
  @Field(() => String, { description: 'The document’s words.' }) text!: string;
  @Field(() => String, { nullable: true, description: 'Where in the document, e.g. “III.2”.' }) reference!: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A programme (chương trình / kế hoạch) as its legal document states it: legal basis, period, objectives, targets, tasks, funding plan and covered communes.',
})
export class Program {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Short code, unique in the province, e.g. "LS-NTM-2019".' }) code!: string;
  @Field(() => String, { description: 'Title in Vietnamese, as the document gives it.' }) title!: string;
  @Field(() => String, { nullable: true, description: 'Title in English, where one is given.' }) titleEn!: string | null;
  @Field(() => ProgramKind) kind!: ProgramKind;
  @Field(() => ProgramStatus) status!: ProgramStatus;
  @Field(() => String, { nullable: true, description: 'Document number, e.g. "1100/QĐ-UBND"; null when the document leaves it blank.' })
  documentNumber!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Day of issue; null when the document does not state it.' })
  issuedOn!: string | null;
  @Field(() => String, { nullable: true, description: 'Issuing body, e.g. "Ủy ban nhân dân tỉnh Lạng Sơn".' }) issuer!: string | null;
  @Field(() => String, { nullable: true }) signer!: string | null;
  @Field(() => String, { nullable: true, description: 'In what capacity the signer signed, e.g. "KT. Chủ tịch, Phó Chủ tịch".' })
  signerTitle!: string | null;
  @Field(() => Int, { description: 'First year of the period.' }) startYear!: number;
  @Field(() => Int, { nullable: true, description: 'Last year of the period; null when the document sets no end.' })
  endYear!: number | null;
  @Field(() => [String], { description: 'Purposes and objectives, quoted.' }) objectives!: string[];
  @Field(() => [Provision]) provisions!: Provision[];
  @Field(() => String, { nullable: true, description: 'What the document leaves blank and how the data reads it.' })
  sourceNote!: string | null;
  @Field(() => Int, { description: 'Optimistic lock: pass it back to update the programme.' }) version!: number;
}

@InputType({ description: 'Which programmes to list. Every criterion narrows the list.' })
export class ProgramFilter {
  @Field(() => ProgramKind, { nullable: true }) kind?: ProgramKind | null;
  @Field(() => ProgramStatus, { nullable: true }) status?: ProgramStatus | null;
  @Field(() => Int, { nullable: true, description: 'Programmes whose period includes this year.' }) activeIn?: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'Part of the code, title (Vietnamese or English) or document number; case and diacritics are ignored.',
  })
  search?: string | null;
}

@InputType()
export class ProvisionInput {
  @Field(() => ProvisionKind) kind!: ProvisionKind;
  @Field(() => String, { nullable: true }) heading?: string | null;
  @Field(() => String) text!: string;
  @Field(() => String, { nullable: true }) reference?: string | null;
}

/** The fields of a programme a client writes (the code is given once, at creation). */
@InputType({ description: 'A programme’s fields. An update replaces all of them: send back what you read, changed.' })
export class ProgramInput {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) titleEn?: string | null;
  @Field(() => ProgramKind) kind!: ProgramKind;
  @Field(() => ProgramStatus, { nullable: true, description: 'Default ISSUED; on update, unchanged when omitted.' })
  status?: ProgramStatus | null;
  @Field(() => String, { nullable: true }) documentNumber?: string | null;
  @Field(() => DateScalar, { nullable: true }) issuedOn?: string | null;
  @Field(() => String, { nullable: true }) issuer?: string | null;
  @Field(() => String, { nullable: true }) signer?: string | null;
  @Field(() => String, { nullable: true }) signerTitle?: string | null;
  @Field(() => Int) startYear!: number;
  @Field(() => Int, { nullable: true }) endYear?: number | null;
  @Field(() => [String], { nullable: true }) objectives?: string[] | null;
  @Field(() => [ProvisionInput], { nullable: true }) provisions?: ProvisionInput[] | null;
  @Field(() => String, { nullable: true }) sourceNote?: string | null;
}
