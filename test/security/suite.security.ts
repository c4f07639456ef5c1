/**
 * The reliability and security suite (`pnpm test:security`), phases in order. Each phase writes
 * its figures to the results directory; run.mjs prints them and the summary lines at the end.
 * KN_SECURITY_ONLY=isolation,bad-input,audit,faults,soak runs a subset.
 */
import './phases/isolation.js';
import './phases/bad-input.js';
import './phases/audit.js';
import './phases/faults.js';
import './phases/soak.js';
