// A target for which a second Ctrl-C means "force quit": the first SIGINT starts a cleanup that
// takes a moment and then exits 0; a second SIGINT before it is done exits 99, skipping it.
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts++;
  if (interrupts === 1) {
    console.log('cleanup started');
    setTimeout(() => {
      console.log('cleanup done');
      process.exit(0);
    }, 300);
  } else {
    console.log('forced quit');
    process.exit(99);
  }
});
console.log('ready');
setInterval(() => {}, 1000);
