import type { ProvenanceValue, RuleSet } from './language.js';

/** Every rule and band of the set is the document's words. Only then may the set say it was transcribed. */
export function ruleSetTranscribed(set: RuleSet): boolean {
  const parts = [...set.rules.map((r) => r.provenance), ...set.grading.bands.map((b) => b.provenance), set.grading.top?.provenance];
  return parts.every((p) => p === undefined || p.kind === 'DOCUMENT') && set.rules.every((r) => r.provenance?.kind === 'DOCUMENT');
}

/**
 * The set's provenance: the one it states, else derived. All DOCUMENT: DOCUMENT. Otherwise an
 * INTERPRETATION that counts its parts, so nothing reads as transcribed that is not.
 */
export function ruleSetProvenance(set: RuleSet): ProvenanceValue {
  if (set.provenance) return set.provenance;
  const parts = [
    ...set.rules.map((r) => r.provenance?.kind ?? 'NONE'),
    ...set.grading.bands.map((b) => b.provenance?.kind ?? 'NONE'),
    ...(set.grading.top ? [set.grading.top.provenance?.kind ?? 'NONE'] : []),
  ];
  const counts = new Map<string, number>();
  for (const k of parts) counts.set(k, (counts.get(k) ?? 0) + 1);
  const list = [...counts].map(([k, n]) => `${n} ${k === 'NONE' ? 'without provenance' : k}`).join(', ');
  const doc = set.rules.find((r) => r.provenance?.document)?.provenance?.document;
  if (ruleSetTranscribed(set)) {
    return { kind: 'DOCUMENT' as ProvenanceValue['kind'], ...(doc ? { document: doc } : {}), quote: set.title.vi, note: `Every part is the document’s words (${list}).` } as ProvenanceValue;
  }
  return {
    kind: 'PROVINCE_SETTING' as ProvenanceValue['kind'],
    ...(doc ? { document: doc } : {}),
    note: `Not transcribed: the rules and bands are ${list}. Each part says where it comes from; the province confirms the settings by publishing a version.`,
  } as ProvenanceValue;
}
