/** One commune-level unit as the communes subgraph describes it, reduced to what this subgraph needs. */
export interface GeoCommune {
  id: string;
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  /**
   * The district a contribution to this commune counts under. A pre-reform commune: its district.
   * A commune created on 1/7/2025 (no district any more): the one pre-reform district all its
   * predecessors lay in, or null when they lay in several.
   */
  districtCode: string | null;
  /** Ordered by code, as the communes subgraph lists them. */
  successors: string[];
  predecessors: string[];
  classifications: string[];
}

/** A source commune whose figures count under `target` when asked by `target` (roll-up). */
export interface RollUpPair {
  source: string;
  target: string;
  /**
   * True when `source` was split among several successors: its twinning counts under `target` only
   * when it continues there (its `successorCommuneId`, or by default `defaultTarget`).
   */
  conditional: boolean;
  defaultTarget: string | null;
}

const validOn = (c: GeoCommune, day: string) =>
  (c.validFrom === null || c.validFrom <= day) && (c.validTo === null || c.validTo >= day);

/**
 * A tenant's commune geography across the 2025 reform, as asked of the communes subgraph. This
 * subgraph never reads the communes tables: every question about districts, successors and
 * classifications is answered from here.
 *
 * Roll-up rule. A twinning (and every contribution under it) belongs to the commune it was signed
 * with; asked by a commune that succeeded it, its figures count under that successor. A merged
 * commune has one successor. A split commune (Bính Xá → Đình Lập + Kiên Mộc) is never divided —
 * đồng are whole and a figure counted twice inflates every total — so the whole twinning counts
 * under ONE successor: the one recorded on the twinning (`successorCommuneId`, chosen by an officer
 * from the commune's successors), or by default the first successor by code.
 */
export class Geography {
  readonly byId: ReadonlyMap<string, GeoCommune>;
  /** `sqlMap` per day: a cached geography answers many requests. */
  private readonly maps = new Map<string, string>();

  constructor(communes: GeoCommune[]) {
    this.byId = new Map(communes.map((c) => [c.id, c]));
  }

  get(id: string): GeoCommune | undefined {
    return this.byId.get(id);
  }

  isValidOn(id: string, day: string): boolean {
    const c = this.byId.get(id);
    return c !== undefined && validOn(c, day);
  }

  /** The successor a split commune's twinnings continue in when the twinning names none. */
  defaultSuccessor(id: string): string | null {
    return this.byId.get(id)?.successors[0] ?? null;
  }

  /**
   * The commune, valid on `day`, that a twinning signed with `communeId` counts under: the commune
   * itself while valid, else (following successions forward) its successor — the twinning's chosen
   * one at the first step when given. Null when the chain ends before `day` (unknown unit).
   */
  currentOf(communeId: string, chosenSuccessor: string | null, day: string): string | null {
    let id: string | null = communeId;
    let first = true;
    for (let i = 0; i < 10 && id; i++) {
      const c = this.byId.get(id);
      if (!c) return first ? communeId : id;
      if (validOn(c, day) || (c.validFrom !== null && c.validFrom > day)) return id;
      id = first && chosenSuccessor ? chosenSuccessor : (c.successors[0] ?? null);
      first = false;
    }
    return id;
  }

  /** Communes valid on `day`, optionally of one classification, ordered by code. */
  communesValidOn(day: string, classification?: string | null): GeoCommune[] {
    return [...this.byId.values()]
      .filter((c) => validOn(c, day) && (!classification || c.classifications.includes(classification)))
      .sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id));
  }

  /** Every commune (of both periods) whose contributions count under the district `code`. */
  communesOfDistrict(code: string): string[] {
    return [...this.byId.values()].filter((c) => c.districtCode === code).map((c) => c.id);
  }

  /**
   * Which communes' twinnings count under each of `targets`: itself, and its predecessors (a split
   * predecessor conditionally). Further back (a commune merged in 2020 into one that the 2025 reform
   * merged again: issue #18 §3) only along merges — a split beyond the first step would need the
   * chosen successor of every step, which a twinning records only for its own commune.
   */
  rollUpPairs(targets: readonly string[]): RollUpPair[] {
    const pairs: RollUpPair[] = [];
    const seen = new Set<string>();
    for (const target of targets) {
      if (seen.has(target)) continue;
      seen.add(target);
      pairs.push({ source: target, target, conditional: false, defaultTarget: null });
      const reached = new Set<string>([target]);
      for (const source of this.byId.get(target)?.predecessors ?? []) {
        const pred = this.byId.get(source);
        const split = (pred?.successors.length ?? 0) > 1;
        reached.add(source);
        pairs.push({ source, target, conditional: split, defaultTarget: split ? (pred?.successors[0] ?? null) : null });
        if (split) continue;
        // earlier steps, merges only
        const stack = [...(pred?.predecessors ?? [])];
        for (let guard = 0; stack.length > 0 && guard < 10_000; guard++) {
          const earlier = stack.pop()!;
          const e = this.byId.get(earlier);
          if (reached.has(earlier) || !e || e.successors.length !== 1) continue;
          reached.add(earlier);
          pairs.push({ source: earlier, target, conditional: false, defaultTarget: null });
          stack.push(...e.predecessors);
        }
      }
    }
    return pairs;
  }

  /**
   * The table the totals statement joins (as JSON for `jsonb_to_recordset`): per commune, its
   * district, whether it is valid on `day`, and where it rolls up by default.
   */
  sqlMap(day: string): string {
    const memo = this.maps.get(day);
    if (memo) return memo;
    const json = JSON.stringify(
      [...this.byId.values()].map((c) => ({
        commune_id: c.id,
        district_code: c.districtCode,
        valid_at: validOn(c, day) || (c.validFrom !== null && c.validFrom > day),
        default_target: this.currentOf(c.id, null, day),
      })),
    );
    if (this.maps.size < 16) this.maps.set(day, json);
    return json;
  }
}

/** Builds the continuity districts of post-reform communes from their predecessors. */
export function withContinuityDistricts(communes: GeoCommune[]): GeoCommune[] {
  const byId = new Map(communes.map((c) => [c.id, c]));
  const preds = new Map<string, string[]>();
  for (const c of communes) {
    for (const s of c.successors) preds.set(s, [...(preds.get(s) ?? []), c.id]);
  }
  return communes.map((c) => {
    const predecessors = [...new Set([...(preds.get(c.id) ?? []), ...c.predecessors])];
    let districtCode = c.districtCode;
    if (districtCode === null && predecessors.length > 0) {
      const codes = new Set(predecessors.map((p) => byId.get(p)?.districtCode ?? null));
      districtCode = codes.size === 1 ? [...codes][0]! : null;
    }
    return { ...c, predecessors, districtCode };
  });
}
