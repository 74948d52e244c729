#!/usr/bin/env node
'use strict';
// Replays OTRF's psh_lsass_memory_dump_comsvcs recording into data/live.json, line by line, as a log shipper
// would write it: `node replay.js [LINES_PER_SECOND]` (default 50). Run `kestrel run hunt.hf --follow` beside it.
const fs = require('node:fs');
const path = require('node:path');

const recording = path.join(__dirname, '..', 'forward-tracking-sysmon', 'data', 'psh_lsass_memory_dump_comsvcs.json');
const live = path.join(__dirname, 'data', 'live.json');
const rate = Number(process.argv[2] ?? 50);
const lines = fs.readFileSync(recording, 'utf8').split('\n').filter((l) => l.trim());
fs.writeFileSync(live, '');
let i = 0;
const timer = setInterval(() => {
  fs.appendFileSync(live, `${lines[i++]}\n`);
  if (i === lines.length) {
    clearInterval(timer);
    process.stdout.write(`replayed ${lines.length} events into ${live}\n`);
  }
}, 1000 / rate);
