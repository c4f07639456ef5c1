/** The shapes of seeded units and links (shared by the dataset builder and the history). */

export interface SeedUnit {
  tenantId: string;
  id: string;
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
  code: string;
  name: string;
  fullName: string;
  kind: string;
  parentId: string | null;
  provinceId: string | null;
  validFrom: string | null;
  validTo: string | null;
  searchKey: string;
  /** WGS 84 position and the file it came from; absent where the national data gives none. */
  location?: SeedLocation | null;
}

export interface SeedLocation {
  latitude: number;
  longitude: number;
  source: string;
}

export interface SeedSuccession {
  tenantId: string;
  predecessorId: string;
  successorId: string;
  kind: 'MERGE' | 'SPLIT';
  /** The recorded change the link belongs to (issue #18 §3). */
  changeId?: string | null;
}
