/**
 * `npm run hash-password`: reads a password from standard input (typed without echo on a terminal,
 * or piped) and prints the scrypt hash to put in DASHBOARD_USERS as `name:<hash>`.
 */
import { createInterface } from 'node:readline';

import { hashPassword } from '../server/auth/password';

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let data = '';
    for await (const chunk of process.stdin) data += chunk;
    return data.replace(/\r?\n$/, '');
  }
  process.stderr.write('Password: ');
  const rl = createInterface({ input: process.stdin, terminal: true });
  // Mute the echo of what is typed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  const line = await new Promise<string>((resolve) => rl.once('line', resolve));
  rl.close();
  process.stderr.write('\n');
  return line;
}

const password = await readPassword();
if (password.length < 8) {
  console.error('The password must be at least 8 characters.');
  process.exit(1);
}
console.log(await hashPassword(password));
