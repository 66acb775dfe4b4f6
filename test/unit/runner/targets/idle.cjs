// Does nothing and prints nothing until it is signalled (default SIGINT/SIGTERM handling).
setInterval(() => {}, 1000);
