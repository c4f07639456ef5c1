import type { ProgramSeed } from '../types.js';
import { LS_165_2017 } from './ls-165-2017.js';
import { LS_88_2022 } from './ls-88-2022.js';
import { LS_KN_XBG } from './ls-kn-xbg.js';
import { LS_NTM_2019 } from './ls-ntm-2019.js';
import { QN_1100_2020 } from './qn-1100-2020.js';

/** The five source documents, in the order of `shared/seeds/` (000 … 004). */
export const DEMO_PROGRAMS: ProgramSeed[] = [LS_KN_XBG, QN_1100_2020, LS_88_2022, LS_NTM_2019, LS_165_2017];
