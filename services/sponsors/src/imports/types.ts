import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@InputType({
  description:
    'One spreadsheet row, each cell as text, exactly as in the file (docs/IMPORT.md): the service parses and checks it.',
})
export class ContributionImportRow {
  @Field(() => Int, { nullable: true, description: 'The spreadsheet line (header = 1); default: position + 2.' }) line?: number | null;
  @Field(() => String, { nullable: true, description: 'Mã kết nghĩa: the twinning code (or id).' }) twinning?: string | null;
  @Field(() => String, { nullable: true, description: 'Ngày: YYYY-MM-DD or DD/MM/YYYY.' }) date?: string | null;
  @Field(() => String, { nullable: true, description: 'Lĩnh vực: a category or its Vietnamese name.' }) category?: string | null;
  @Field(() => String, { nullable: true, description: 'Nội dung.' }) description?: string | null;
  @Field(() => String, { nullable: true, description: 'Tiền mặt (đồng): whole đồng, "1.500.000" accepted.' }) cashVnd?: string | null;
  @Field(() => String, { nullable: true, description: 'Hiện vật (đồng).' }) inKindVnd?: string | null;
  @Field(() => String, { nullable: true, description: 'Hộ nghèo được giúp.' }) poorHouseholdsHelped?: string | null;
  @Field(() => String, { nullable: true, description: 'Số mô hình.' }) modelsBuilt?: string | null;
  @Field(() => String, { nullable: true, description: 'Loại mô hình: Nhóm hộ, Câu lạc bộ, Tổ hợp tác, Hợp tác xã.' }) modelKind?: string | null;
  @Field(() => String, { nullable: true, description: 'Người được tập huấn.' }) peopleTrained?: string | null;
  @Field(() => String, { nullable: true, description: 'Người hưởng lợi.' }) beneficiaries?: string | null;
  @Field(() => String, { nullable: true, description: 'Trạng thái: Kế hoạch, Đã thực hiện (default), Đã xác nhận.' }) status?: string | null;
}

@ObjectType({ description: 'A problem with one row (or with the file, on line 1).' })
export class ImportRowError {
  @Field(() => Int) line!: number;
  @Field(() => String, { nullable: true, description: 'The column, by its Vietnamese header.' }) column!: string | null;
  @Field(() => String, { description: 'BAD_USER_INPUT, NOT_FOUND…' }) code!: string;
  @Field(() => String, { description: 'Vietnamese / English.' }) message!: string;
}

@ObjectType({ description: 'All or nothing: `ok` false means nothing was written, and `errors` lists every bad row.' })
export class ImportReport {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => Boolean) dryRun!: boolean;
  @Field(() => Int) rowCount!: number;
  @Field(() => Int, { description: 'Contributions written by this call.' }) imported!: number;
  @Field(() => Boolean, { description: 'The same rows were imported before: nothing written, `batchId` names that import.' })
  alreadyImported!: boolean;
  @Field(() => ID, { nullable: true }) batchId!: string | null;
  @Field(() => [ImportRowError]) errors!: ImportRowError[];
}
