// Prints one perf-counters dump (as console.log prints it with no logger), then exits with the
// code given as the first argument.
console.log('[perf-counters] snapshot:', {
  'orbitdb.putEntry': { count: 2, totalMs: 30, avgMs: 15, maxMs: 20 },
});
process.exit(Number(process.argv[2] ?? 0));
