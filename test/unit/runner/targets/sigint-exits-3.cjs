// Answers the stop signal with its own status 3 (a cleanup that failed), after saying so.
process.on('SIGINT', () => {
  console.log('got SIGINT');
  process.exit(3);
});
setInterval(() => {}, 1000);
console.log('ready');
