import {parseArgs} from 'node:util';
import type {SimConfig} from './controls.js';
import {startCloudSim} from './server.js';
import {shellQuote} from './shell-quote.js';

const USAGE = `Usage: kopsx-cloudsim [--port N] [--latency MS] [--throttle RATE] [--seed N]

Starts the kopsx cloud simulator (S3, Cloud Storage and the other simulated services) on 127.0.0.1,
prints one "export NAME=VALUE" line per environment variable that points the SDKs and kopsx at it,
then serves until interrupted (Ctrl-C or SIGTERM). Paste the export lines into the shell where you
run kopsx or an SDK.

Options:
  -p, --port N         TCP port to listen on (default 0: any free port)
      --latency MS     delay every simulated call by MS milliseconds (default 0)
      --throttle RATE  answer this fraction (0..1) of calls with the cloud's throttling error (default 0)
      --seed N         seed of the throttling PRNG; the same seed throttles the same calls (default 1)
  -h, --help           show this help

While running, the admin API on the same endpoint changes or inspects the simulator:
  GET /_sim/resources, GET /_sim/requests, GET|POST /_sim/config, POST /_sim/reset
`;

export interface CliOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const processOutput: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs the bin; resolves with the exit code once the simulator stopped (or at once for --help and bad flags). */
export async function runCli(argv: readonly string[], output: CliOutput = processOutput): Promise<number> {
  let parsed: {port: number; seed: number; config: Partial<SimConfig>} | 'help';
  try {
    parsed = parseFlags(argv);
  } catch (error) {
    output.stderr(`kopsx-cloudsim: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed === 'help') {
    output.stdout(USAGE);
    return 0;
  }
  const sim = await startCloudSim({port: parsed.port, seed: parsed.seed, config: parsed.config});
  for (const [name, value] of Object.entries(sim.env)) output.stdout(`export ${name}=${shellQuote(value)}\n`);
  output.stderr(`# kopsx-cloudsim listening on ${sim.endpoint}; stop with Ctrl-C\n`);
  const signal = await nextStopSignal();
  await sim.close();
  output.stderr(`# kopsx-cloudsim stopped (${signal})\n`);
  return 0;
}

function parseFlags(argv: readonly string[]): {port: number; seed: number; config: Partial<SimConfig>} | 'help' {
  const {values} = parseArgs({
    args: [...argv],
    options: {
      port: {type: 'string', short: 'p'},
      latency: {type: 'string'},
      throttle: {type: 'string'},
      seed: {type: 'string'},
      help: {type: 'boolean', short: 'h'},
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const port = numberFlag('port', values.port, 0);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`--port must be 0..65535, got ${values.port}`);
  const latencyMs = numberFlag('latency', values.latency, 0);
  if (!(latencyMs >= 0 && Number.isFinite(latencyMs))) throw new RangeError(`--latency must be >= 0 milliseconds, got ${values.latency}`);
  const throttleRate = numberFlag('throttle', values.throttle, 0);
  if (!(throttleRate >= 0 && throttleRate <= 1)) throw new RangeError(`--throttle must be a fraction between 0 and 1, got ${values.throttle}`);
  const seed = numberFlag('seed', values.seed, 1);
  if (!Number.isInteger(seed)) throw new RangeError(`--seed must be a whole number, got ${values.seed}`);
  return {port, seed, config: {latencyMs, throttleRate}};
}

function numberFlag(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || Number.isNaN(value)) throw new TypeError(`--${name} needs a number, got "${raw}"`);
  return value;
}

function nextStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
