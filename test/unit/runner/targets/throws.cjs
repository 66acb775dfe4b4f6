// Throws an uncaught exception shortly after start: Node exits with code 1.
console.log('ready');
setTimeout(() => {
  throw new Error('boom from the target');
}, 200);
