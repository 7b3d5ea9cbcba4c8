// Small process helpers shared by the build, test and bench scripts. Plain Node on purpose: these
// scripts run before (or while) dependencies are installed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The path of a locally installed tool (node_modules/.bin), so no global install is needed. */
export function localBin(name) {
  const suffix = process.platform === 'win32' ? '.cmd' : '';
  return path.join(repoRoot, 'node_modules', '.bin', name + suffix);
}

export function header(title) {
  process.stdout.write(`\n=== ${title} ===\n`);
}

/** A failed step: carries the command so the message names exactly what to rerun. */
export class StepFailed extends Error {
  constructor(command, code) {
    super(`command failed (exit ${code}): ${command}`);
    this.command = command;
    this.code = code;
  }
}

function display(cmd, args) {
  const rel = path.relative(repoRoot, cmd);
  const shown = rel && !rel.startsWith('..') ? rel : cmd;
  return [shown, ...args].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ');
}

/** Runs a command with inherited stdio; resolves with the exit code and never throws on failure. */
export function runStatus(cmd, args, opts = {}) {
  process.stdout.write(`$ ${display(cmd, args)}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: repoRoot,
      stdio: 'inherit',
      // .cmd shims on Windows can only be started through a shell.
      shell: process.platform === 'win32' && cmd.endsWith('.cmd'),
      ...opts,
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Runs a command with inherited stdio; throws StepFailed naming the command when it fails. */
export async function run(cmd, args, opts = {}) {
  const code = await runStatus(cmd, args, opts);
  if (code !== 0) throw new StepFailed(display(cmd, args), code);
}

/** True when `cmd` can be found on PATH (or is an existing absolute path). */
export function commandExists(cmd) {
  if (path.isAbsolute(cmd)) return fs.existsSync(cmd);
  const probe = process.platform === 'win32' ? 'where' : 'which';
  return spawnSync(probe, [cmd], { stdio: 'ignore' }).status === 0;
}
