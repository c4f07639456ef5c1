import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A provision of a programme's text (stored as a jsonb list on the programme). */
export interface ProvisionData {
  kind: string;
  heading: string | null;
  text: string;
  reference: string | null;
}

/**
 * A programme (chương trình / kế hoạch) as its legal document states it. `version` is the
 * optimistic lock: every update names the version it read and bumps it.
 */
export const ProgramEntity = defineEntity({
  name: 'Program',
  tableName: 'program',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    id: p.uuid().primary(),
    code: p.string(),
    title: p.text(),
    titleEn: p.text().nullable().fieldName('title_en'),
    kind: p.string(),
    status: p.string(),
    documentNumber: p.string().nullable().fieldName('document_number'),
    issuedOn: p.date().nullable().fieldName('issued_on'),
    issuer: p.text().nullable(),
    signer: p.text().nullable(),
    signerTitle: p.text().nullable().fieldName('signer_title'),
    startYear: p.integer().fieldName('start_year'),
    endYear: p.integer().nullable().fieldName('end_year'),
    objectives: p.array().columnType('text[]'),
    provisions: p.json<ProvisionData[]>().columnType('jsonb'),
    sourceNote: p.text().nullable().fieldName('source_note'),
    searchKey: p.text().fieldName('search_key'),
    version: p.integer(),
  },
});
export type Program = InferEntity<typeof ProgramEntity>;

/** A commune a programme covers: an id of the communes subgraph's `Commune`, never a copy of it. */
export const CoveredCommuneEntity = defineEntity({
  name: 'CoveredCommune',
  tableName: 'covered_commune',
  properties: {
    tenantId: p.string().primary().fieldName('tenant_id'),
    programId: p.uuid().primary().fieldName('program_id'),
    communeId: p.uuid().primary().fieldName('commune_id'),
  },
});
export type CoveredCommune = InferEntity<typeof CoveredCommuneEntity>;
