// Preloaded (`node --require`) into a benchmark's child process: at exit, prints the process's
// peak resident set size, so a whole process — the CLI as users run it — is measured from outside.
process.on('exit', () => {
  process.stderr.write(`\nPEAK_RSS_KB ${process.resourceUsage().maxRSS}\n`);
});
