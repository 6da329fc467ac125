/**
 * The new PIN or password for `--reset-secret` (the only admin forgot theirs): from
 * FRONTDESK_NEW_SECRET when set (a process's environment is readable by its own user only,
 * unlike its command line), else typed twice in the terminal without echo. Node-only; used by
 * the browser host's launcher (cli.ts).
 */
import readline from 'node:readline';
import { Writable } from 'node:stream';

export async function newSecretFor(name: string, env: NodeJS.ProcessEnv, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stdout): Promise<string> {
  const fromEnv = env.FRONTDESK_NEW_SECRET;
  // Read once, then gone: the browser and anything else the host starts inherit its environment.
  delete env.FRONTDESK_NEW_SECRET;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!input.isTTY) throw new Error('--reset-secret asks for the new PIN or password in a terminal, or takes it from FRONTDESK_NEW_SECRET.');
  const first = await askHidden(`New PIN or password for ${name}: `, input, output);
  const again = await askHidden('The same again: ', input, output);
  if (first !== again) throw new Error('The two were not the same. Nothing was changed.');
  return first;
}

function askHidden(prompt: string, input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<string> {
  output.write(prompt);
  // What is typed goes nowhere: the terminal shows no echo of the secret.
  const silent = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = readline.createInterface({ input, output: silent, terminal: true });
  return new Promise((resolve) => rl.question('', (answer) => {
    rl.close();
    output.write('\n');
    resolve(answer);
  }));
}
