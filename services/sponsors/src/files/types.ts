import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum AttachmentKind {
  NEEDS_PROPOSAL = 'NEEDS_PROPOSAL',
  YEARLY_PLAN = 'YEARLY_PLAN',
  REPORT = 'REPORT',
  CONTRIBUTION = 'CONTRIBUTION',
}
registerEnumType(AttachmentKind, {
  name: 'AttachmentKind',
  description: 'What a file may be attached to: a needs proposal, a yearly plan, a contribution, a report (evaluations).',
});

@ObjectType({ description: 'Where a file is attached.' })
export class FileAttachment {
  @Field(() => AttachmentKind) kind!: AttachmentKind;
  @Field(() => ID, { description: 'The id of the needs proposal, yearly plan, contribution or report.' }) id!: string;
  @Field(() => Date) attachedAt!: Date;
  @Field(() => String) attachedBy!: string;
}

@ObjectType({
  description:
    'An uploaded file (tệp đính kèm: a signed plan, a report, minutes, a photo), stored by the platform. Upload with ' +
    '`POST /files`, download from `url` with your own token (docs/FILES.md).',
})
export class StoredFile {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Tên tệp, as uploaded (`?name=`); the type comes from the bytes, never from it.' }) name!: string;
  @Field(() => String, { description: 'Its type, decided from its bytes: application/pdf, image/jpeg, image/png, DOCX or XLSX.' })
  contentType!: string;
  @Field(() => String, { description: 'pdf, jpg, png, docx or xlsx.' }) extension!: string;
  @Field(() => Int, { description: 'Kích thước, bytes.' }) sizeBytes!: number;
  @Field(() => String, { description: 'SHA-256 of the bytes, lower-case hex (what a download must hash to).' }) sha256!: string;
  @Field(() => Date) uploadedAt!: Date;
  @Field(() => String) uploadedBy!: string;
  @Field(() => String, { description: 'Where to download it at the gateway (`GET /files/:id`, with your token).' }) url!: string;
  @Field(() => [FileAttachment], { description: 'What it is attached to; an upload never attached is removed after a day.' })
  attachedTo!: FileAttachment[];
}

@InputType({ description: 'An item a file is attached to.' })
export class AttachmentTargetInput {
  @Field(() => AttachmentKind) kind!: AttachmentKind;
  @Field(() => ID) id!: string;
}

/** The evaluations subgraph's report, extended here with the files attached to it. */
@Directive('@key(fields: "id")')
@ObjectType('Report')
export class ReportRef {
  @Field(() => ID) id!: string;
}
