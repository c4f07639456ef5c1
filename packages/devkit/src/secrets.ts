import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface KeyPair {
  privateJwk: JWK;
  publicJwk: JWK;
}

/** Generated once per data directory and reused: a second start finds the same keys and passwords. */
export interface DevSecrets {
  pgAdminPassword: string;
  rolePasswords: Record<string, string>;
  /** Signs the user tokens that `pnpm token` prints (stands in for the provinces' identity provider). */
  issuer: KeyPair;
  /** Signs the identities the gateway hands to subgraphs. */
  gateway: KeyPair;
}

async function keyPair(): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
}

const password = () => randomBytes(18).toString('hex');

export async function loadOrCreateSecrets(dataDir: string): Promise<DevSecrets> {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: DevSecrets = {
    pgAdminPassword: password(),
    rolePasswords: {},
    issuer: await keyPair(),
    gateway: await keyPair(),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Returns the role's password, creating and saving one on first use. */
export function rolePassword(dataDir: string, secrets: DevSecrets, role: string): string {
  let pw = secrets.rolePasswords[role];
  if (!pw) {
    pw = password();
    secrets.rolePasswords[role] = pw;
    writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return pw;
}
