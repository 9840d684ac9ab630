#!/usr/bin/env node
'use strict';
// The bundled CLI when built for release (dist/), else the tsc output (out/) in a dev checkout.
const fs = require('fs');
const path = require('path');
const bundled = path.join(__dirname, '..', 'dist', 'cli.js');
const cli = require(fs.existsSync(bundled) ? bundled : path.join(__dirname, '..', 'out', 'server', 'src', 'cli.js'));
cli.main(process.argv.slice(2)).then(code => {
  if (code >= 0) process.exitCode = code;
}, e => {
  process.stderr.write(`istio-ls: ${(e && e.stack) || e}\n`);
  process.exitCode = 2;
});
