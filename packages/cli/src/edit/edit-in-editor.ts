import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {KopsxError, ValidationError} from '@kopsx/core';

export interface EditSession<R> {
  /** The YAML the user starts from. */
  readonly original: string;
  /** Name of the temp file, so the editor picks YAML highlighting: `cluster-demo.yaml`. */
  readonly fileName: string;
  /**
   * Turns the edited text into a result, or undefined when it means the same as the original. Throws a
   * KopsxError (usually a ValidationError) when the text is not acceptable: the file is then reopened.
   */
  readonly accept: (text: string) => R | undefined;
  readonly env: NodeJS.ProcessEnv;
}

export type EditOutcome<R> = {readonly changed: true; readonly result: R} | {readonly changed: false};

const INSTRUCTIONS = [
  '# Edit the document below and save to apply it; lines starting with # at the top are ignored.',
  '# Save an empty file to cancel. If the result is invalid, this file opens again with the problems listed here.',
  '#',
];

/**
 * kubectl-style editing: the text goes to a private temp file, the user's editor runs in the foreground,
 * and an invalid result reopens the file with the errors as comments until it is valid, unchanged, or the
 * editor fails. The temp file is removed in every case.
 */
export function editInEditor<R>(session: EditSession<R>): EditOutcome<R> {
  const dir = mkdtempSync(join(tmpdir(), 'kopsx-edit-'));
  const file = join(dir, session.fileName);
  try {
    let presented = [...INSTRUCTIONS, session.original].join('\n');
    for (let round = 1; ; round++) {
      writeFileSync(file, presented, {mode: 0o600});
      runEditor(file, session.env);
      const edited = readFileSync(file, 'utf8');
      const body = withoutLeadingComments(edited);
      if (body.trim() === '') return {changed: false};
      if (edited === presented) {
        if (round === 1) return {changed: false};
        throw new KopsxError(
          'edit cancelled: the file still has the errors listed in it, nothing was saved',
          'EditCancelled',
          'run the command again and fix the problems listed at the top of the file, or save an empty file to cancel',
        );
      }
      try {
        const result = session.accept(body);
        return result === undefined ? {changed: false} : {changed: true, result};
      } catch (error) {
        if (!(error instanceof KopsxError)) throw error;
        presented = [...errorComments(error), ...INSTRUCTIONS, body].join('\n');
      }
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

/** The configured editor may carry arguments (`code --wait`), so it runs through the shell. */
function runEditor(file: string, env: NodeJS.ProcessEnv): void {
  const editor = env.KUBE_EDITOR || env.EDITOR || 'vi';
  const result = spawnSync(`${editor} '${file.replaceAll("'", "'\\''")}'`, {shell: true, stdio: 'inherit', env});
  if (result.error || result.status !== 0) {
    const how = result.error ? result.error.message : result.signal ? `was killed by ${result.signal}` : `exited with code ${result.status}`;
    throw new KopsxError(
      `editor "${editor}" ${how}; nothing was saved`,
      'EditorFailed',
      'set KUBE_EDITOR or EDITOR to an editor that exits with 0 after saving (e.g. "nano" or "code --wait")',
    );
  }
}

function withoutLeadingComments(text: string): string {
  const lines = text.split('\n');
  const first = lines.findIndex((line) => !line.startsWith('#'));
  return first === -1 ? '' : lines.slice(first).join('\n');
}

function errorComments(error: KopsxError): string[] {
  const problems = error instanceof ValidationError ? error.problems.map((p) => `#   ${p.path}: ${p.message}`) : [];
  const headline = error instanceof ValidationError ? 'the edited document is invalid:' : error.message;
  return [`# Error: ${headline}`, ...problems, ...(error.hint ? [`#   hint: ${error.hint}`] : []), '#'];
}
