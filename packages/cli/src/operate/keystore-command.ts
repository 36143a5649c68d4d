import {Keystore} from '@kopsx/core';
import {Command, Flags} from '@oclif/core';
import {BaseCommand} from '../base-command.js';
import {UsageError} from '../usage-error.js';
import {formatStructured} from './format-structured.js';

/** The `-o` and `--reveal` flags of the `get` commands that list a cluster's keys and secrets. */
export const listingFlags = {
  output: Flags.option({
    char: 'o',
    options: ['table', 'yaml', 'json'] as const,
    default: 'table' as const,
    description: 'Output format. Private keys and tokens are never shown, except with -o yaml --reveal.',
  })(),
  reveal: Flags.boolean({description: 'With -o yaml: include private keys and secret values. Keep the output out of logs.'}),
};

export interface Listing {
  /** What the table shows (no private material, ever). */
  readonly table: () => string;
  /** Items for -o yaml|json, without private material. */
  readonly items: () => Promise<readonly object[]>;
  /** Items for -o yaml --reveal. */
  readonly revealed?: () => Promise<readonly object[]>;
  /** Said on stderr instead of an empty table. */
  readonly empty: string;
  readonly count: number;
}

/** The commands reading or changing a cluster's keystore: `get secrets|keypairs|sshpublickeys`, `create|delete secret`. */
export abstract class KeystoreCommand<T extends typeof Command> extends BaseCommand<T> {
  /** The keystore of a stored cluster (NotFoundError naming the store when the cluster is not there). */
  protected async keystore(clusterName: string): Promise<Keystore> {
    await (await this.registry()).require(clusterName);
    return new Keystore(await this.store(), clusterName);
  }

  /** Refuses --reveal unless the output is YAML: a table or JSON on a terminal is too easy to paste around. */
  protected checkReveal(options: {readonly output: string; readonly reveal: boolean}): void {
    if (options.reveal && options.output !== 'yaml') {
      throw new UsageError('--reveal only works with -o yaml', 'add -o yaml to include private keys and secret values');
    }
  }

  protected async printListing(listing: Listing, options: {readonly output: 'table' | 'yaml' | 'json'; readonly reveal?: boolean}): Promise<void> {
    if (options.output === 'table') {
      if (listing.count === 0) this.logToStderr(listing.empty);
      else this.log(listing.table());
      return;
    }
    if (options.reveal && listing.revealed) {
      this.logToStderr('Warning: this output holds private keys and secret values: keep it out of logs, tickets and chats');
      this.log(formatStructured(await listing.revealed(), options.output));
      return;
    }
    this.log(formatStructured(await listing.items(), options.output));
  }
}
