// A target that ignores SIGINT and SIGTERM: only a forced exit or SIGKILL ends it.
process.on('SIGINT', () => console.log('ignoring SIGINT'));
process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
console.log('ready');
setInterval(() => {}, 1000);
