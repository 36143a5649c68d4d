import {readFile} from 'node:fs/promises';
import {KopsxError, NotFoundError} from '@kopsx/core';

export interface InputFile {
  readonly text: string;
  /** How to name the file in messages: its path, or `stdin`. */
  readonly source: string;
}

/** Reads a file the user named on the command line; `-` reads stdin to its end. */
export async function readInputFile(path: string): Promise<InputFile> {
  if (path === '-') return {text: await readStdin(), source: 'stdin'};
  try {
    return {text: await readFile(path, 'utf8'), source: path};
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NotFoundError(`file "${path}" does not exist`, 'check the path; use - to read stdin');
    throw new KopsxError(`cannot read "${path}": ${(error as Error).message}`, 'FileUnreadable', 'check the path and its permissions');
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
