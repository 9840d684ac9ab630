#!/usr/bin/env node
'use strict';
// In a development checkout (sources present) the tsc output (out/), which `tsc -b` keeps
// current; otherwise the bundled CLI (dist/), which is what the package ships.
const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, '..');
const compiled = path.join(root, 'out', 'server', 'src', 'cli.js');
const devCheckout = fs.existsSync(path.join(root, 'server', 'src', 'cli.ts')) && fs.existsSync(compiled);
const entry = devCheckout ? compiled : path.join(root, 'dist', 'cli.js');
require(entry)
  .main(process.argv.slice(2))
  .then(
    code => {
      if (code >= 0) process.exitCode = code;
    },
    e => {
      process.stderr.write(`istio-ls: ${(e && e.stack) || e}\n`);
      process.exitCode = 2;
    },
  );
