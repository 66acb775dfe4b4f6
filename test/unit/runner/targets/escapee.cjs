// Starts a child in its own session (detached: setsid), prints its pid, then waits: SIGUSR1
// makes this parent exit at once (leaving the child re-parented away from the run's group).
const { spawn } = require('node:child_process');
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
  detached: true,
  stdio: 'ignore',
});
child.unref();
process.on('SIGUSR1', () => process.exit(0));
console.log(`escapee ${child.pid}`);
setInterval(() => {}, 1000);
