/**
 * Every fast-check property starts from one fixed seed, so `npm test` tries the same inputs on
 * every run and its outcome never depends on the draw (the fuzz test's rule, with its
 * PERFLENS_FUZZ_SEED). `PERFLENS_PROPERTY_SEED=<n>` explores other inputs, or replays the seed a
 * failure printed. Imported for its effect by each file that runs properties.
 */
import fc from 'fast-check';

const fromEnv = Number(process.env.PERFLENS_PROPERTY_SEED);
fc.configureGlobal({ seed: Number.isInteger(fromEnv) ? fromEnv : 20_261_206 });
