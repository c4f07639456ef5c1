/** The unit words of official names, shared by the seed and recorded changes. */
export const UNIT_WORDS: [string, string, string][] = [
  // [prefix in the official name, level, kind]
  ['Thành phố trực thuộc trung ương ', 'PROVINCE', 'MUNICIPALITY'],
  ['Tỉnh ', 'PROVINCE', 'PROVINCE'],
  ['Thành phố ', 'PROVINCE', 'MUNICIPALITY'],
  ['Huyện ', 'DISTRICT', 'DISTRICT'],
  ['Thị xã ', 'DISTRICT', 'TOWN'],
  ['Thành phố ', 'DISTRICT', 'CITY'],
  ['Quận ', 'DISTRICT', 'URBAN_DISTRICT'],
  ['Xã ', 'COMMUNE', 'COMMUNE'],
  ['Phường ', 'COMMUNE', 'WARD'],
  ['Thị trấn ', 'COMMUNE', 'TOWNSHIP'],
  ['Đặc khu ', 'COMMUNE', 'SPECIAL_ZONE'],
];

/** Splits "Xã Thụy Hùng" into kind COMMUNE and name "Thụy Hùng". */
export function splitName(fullName: string, level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE'): { name: string; kind: string } {
  const full = fullName.trim();
  for (const [prefix, lvl, kind] of UNIT_WORDS) {
    if (lvl === level && full.toLocaleLowerCase('vi').startsWith(prefix.toLocaleLowerCase('vi'))) {
      return { name: full.slice(prefix.length).trim(), kind };
    }
  }
  throw new Error(`unknown unit word in "${fullName}" at level ${level}`);
}

