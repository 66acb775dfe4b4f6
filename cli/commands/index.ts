/**
 * The CLI's subcommands, in the order `perflens --help` lists them. A new subcommand is one
 * `Subcommand` (see cli/subcommand.ts) in its own file here, and one entry below.
 */
import type { Subcommand } from '../subcommand';
import { attach } from './attach';
import { ab } from './ab';
import { compare } from './compare';
import { report } from './report';
import { run } from './run';

export const SUBCOMMANDS: readonly Subcommand[] = [report, run, attach, compare, ab];
