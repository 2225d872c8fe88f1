import argon2 from "argon2";

/** 8+ characters from at least 3 of: lower case, upper case, digits, symbols (MLPS level 3 practice). */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return "密码至少8位";
  if (password.length > 128) return "密码不能超过128位";
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((r) => r.test(password)).length;
  if (classes < 3) return "密码须包含大写字母、小写字母、数字、符号中的至少三类";
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password).catch(() => false);
}
