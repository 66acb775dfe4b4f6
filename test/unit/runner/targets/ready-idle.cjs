// Prints "ready", then idles until it is signalled (default SIGINT/SIGTERM handling).
console.log('ready');
setInterval(() => {}, 1000);
