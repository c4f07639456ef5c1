import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, defineOrdering, OrderDirection, VIETNAMESE_COLLATION } from '@kn/platform';
import { ProgramKind, ProgramStatus, ProvisionKind } from '../common/enums.js';

@ObjectType({ description: 'A provision of the programme’s text that is neither a target nor a task, quoted word for word.' })
export class Provision {
  @Field(() => ProvisionKind) kind!: ProvisionKind;
  @Field(() => String, { nullable: true, description: 'The heading it sits under, e.g. “Đối với các huyện, thành phố”.' })
  heading!: string | null;
  @Field(() => String, { description: 'The document’s words.' }) text!: string;
  @Field(() => String, { nullable: true, description: 'Where in the document, e.g. “III.2”.' }) reference!: string | null;
}

@ObjectType({ description: 'A legal text a programme rests on, as its document names it.' })
export class LegalBasis {
  @Field(() => String, { nullable: true, description: 'Its number, e.g. "1600/QĐ-TTg"; null when the document names it without one.' })
  number!: string | null;
  @Field(() => DateScalar, { nullable: true }) issuedOn!: string | null;
  @Field(() => String, { nullable: true, description: 'Who issued it, e.g. "Thủ tướng Chính phủ".' }) issuer!: string | null;
  @Field(() => String, { description: 'What it is about, in the document’s words.' }) title!: string;
  @Field(() => String, { nullable: true, description: 'How the programme relates to it: “căn cứ”, “thực hiện”, “theo đề nghị”.' })
  relation!: string | null;
  @Field(() => String, { nullable: true, description: 'What the platform knows beyond the words, e.g. a date two documents disagree on.' })
  note!: string | null;
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
  @Field(() => [LegalBasis], { description: 'The legal texts the programme rests on, in the document’s order.' })
  legalBases!: LegalBasis[];
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

/** What `programs` can be sorted by; by code by default. */
export const ProgramOrdering = defineOrdering('Program', {
  list: 'programs',
  fields: {
    CODE: { column: 'code', description: 'The programme’s code (LS-NTM-2019).' },
    TITLE: { column: 'title', collate: VIETNAMESE_COLLATION, description: 'The Vietnamese title, in Vietnamese dictionary order.' },
    ISSUED_ON: { column: 'issued_on', cast: 'date', nullable: true, description: 'The day the document was issued.' },
    START_YEAR: { column: 'start_year', cast: 'int', description: 'The first year of its period.' },
    DOCUMENT_NUMBER: { column: 'document_number', nullable: true, description: 'The document’s number (số hiệu).' },
  },
  default: [{ field: 'CODE', direction: OrderDirection.ASC }],
});
export const ProgramOrder = ProgramOrdering.Order;
