/** What an apply reports: events while it runs, and a result per change at the end. */
import type {ErrorClass} from '../provider/index.js';
import type {Change} from './plan.js';

/** What one step does to the cloud; a replace is a create and a delete. */
export type StepAction = 'create' | 'update' | 'delete';

export interface StepInfo {
  readonly action: StepAction;
  /** The change's key (`kind/name`, or `kind/name#id` for an extra copy). */
  readonly key: string;
  readonly kind: string;
  readonly name: string;
}

export type ApplyEvent =
  | {readonly type: 'begin'; readonly total: number}
  | {readonly type: 'start'; readonly step: StepInfo}
  | {readonly type: 'done'; readonly step: StepInfo; readonly id: string}
  | {
      readonly type: 'retry';
      readonly step: StepInfo;
      readonly errorClass: ErrorClass;
      /** The attempt about to be made, 2 for the first retry. */
      readonly attempt: number;
      readonly delayMs: number;
      readonly message: string;
    }
  | {readonly type: 'failed'; readonly step: StepInfo; readonly message: string}
  | {readonly type: 'skipped'; readonly step: StepInfo; readonly reason: string}
  | {readonly type: 'log'; readonly step: StepInfo; readonly message: string};

export interface ChangeFailure {
  readonly change: Change;
  readonly message: string;
  readonly error: unknown;
}

export interface ChangeSkip {
  readonly change: Change;
  /** `depends on failed kind/name`, or `cancelled`. */
  readonly reason: string;
}

export interface ApplyResult {
  readonly done: readonly Change[];
  readonly failed: readonly ChangeFailure[];
  readonly skipped: readonly ChangeSkip[];
  readonly elapsedMs: number;
}
