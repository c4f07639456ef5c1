import { z } from 'zod';

export class ConfigError extends Error {}

/**
 * Validates configuration once at boot into one typed object. A bad or missing value stops the
 * process with a message naming every offending variable (never its value: it may be a secret).
 */
export function loadEnv<S extends z.ZodType>(
  service: string,
  schema: S,
  source: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new ConfigError(`${service}: invalid configuration\n${lines.join('\n')}`);
}

/** Shared pieces of every service's env schema. */
export const envPieces = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  host: z.string().default('127.0.0.1'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  postgresUrl: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL'),
  jwk: z.string().refine((v) => {
    try {
      const k = JSON.parse(v) as { kty?: string };
      return k.kty === 'OKP';
    } catch {
      return false;
    }
  }, 'must be an Ed25519 JWK as JSON'),
};
