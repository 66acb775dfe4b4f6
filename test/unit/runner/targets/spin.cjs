// Keeps one core busy in 50 ms slices, yielding between them so a stop signal's handler can run.
function spin() {
  const t = Date.now();
  while (Date.now() - t < 50);
  setImmediate(spin);
}
console.log('ready');
spin();
