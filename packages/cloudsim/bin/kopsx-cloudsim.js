#!/usr/bin/env node
// Starts the kopsx cloud simulator; see `kopsx-cloudsim --help`.
import {runCli} from '../dist/cli.js';

process.exitCode = await runCli(process.argv.slice(2));
