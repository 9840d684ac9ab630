const {LspDriver}=require('./out/bench/harness/lspDriver');
(async()=>{ const d=new LspDriver(require('path').resolve('dist/server.js')); await d.initialize(require('path').resolve(process.argv[2])); await d.until(()=>d.ready,'ready',600000); console.log('ready at',d.readyAt.toFixed(0)); const s=await d.connection.sendRequest('istio/stats',{}); console.log(s); await d.dispose(); })();
