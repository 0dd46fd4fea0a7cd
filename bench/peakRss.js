// Preloaded with `node --require bench/peakRss.js ...`: reports the process's peak RSS on exit.
// Worker threads share the process, so their memory is included.
'use strict';
process.on('exit', () => {
  process.stderr.write(`\n__PEAK_RSS_KB__=${process.resourceUsage().maxRSS}\n`);
});
