import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Field encryption (AES-256-GCM) and keyed lookup hashes (HMAC-SHA-256) for ID numbers and phones.
 * Both keys are derived with HKDF from one secret: CARECIRCLE_SECRET, or a key file made on first start.
 */
export class Secrets {
  readonly #encKey: Buffer;
  readonly #macKey: Buffer;

  constructor(secret: string | Buffer) {
    const ikm = Buffer.isBuffer(secret) ? secret : Buffer.from(secret, "utf8");
    if (ikm.length < 16) throw new Error("CARECIRCLE_SECRET must be at least 16 bytes");
    this.#encKey = Buffer.from(crypto.hkdfSync("sha256", ikm, "carecircle", "field-encryption-v1", 32));
    this.#macKey = Buffer.from(crypto.hkdfSync("sha256", ikm, "carecircle", "lookup-hash-v1", 32));
  }

  /** Reads CARECIRCLE_SECRET, else DATA_DIR/secret.key (made with 32 random bytes on first use). */
  static load(env: { secret?: string; dataDir: string }): Secrets {
    if (env.secret) return new Secrets(env.secret);
    const file = path.join(env.dataDir, "secret.key");
    fs.mkdirSync(env.dataDir, { recursive: true });
    if (!fs.existsSync(file)) {
      fs.writeFileSync(file, crypto.randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
    }
    return new Secrets(Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64"));
  }

  /** iv (12) ‖ tag (16) ‖ ciphertext */
  encrypt(plain: string): Buffer {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", this.#encKey, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decrypt(blob: Buffer): string {
    const decipher = crypto.createDecipheriv("aes-256-gcm", this.#encKey, blob.subarray(0, 12));
    decipher.setAuthTag(blob.subarray(12, 28));
    return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString("utf8");
  }

  /** Deterministic, keyed: equal inputs give equal hashes, which only the key holder can compute. */
  lookupHash(kind: "id" | "phone", value: string): string {
    return crypto.createHmac("sha256", this.#macKey).update(`${kind}:${value}`).digest("base64url");
  }
}
