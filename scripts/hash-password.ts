/** `npx tsx scripts/hash-password.ts 'a long passphrase'`: the hash to store in agents.password_hash. */
import { hashPassword } from '../worker/auth/password';

const password = process.argv[2];
if (!password || password.length < 12) {
  console.error('usage: npx tsx scripts/hash-password.ts "<password of at least 12 characters>"');
  process.exit(2);
}
console.log(await hashPassword(password));
