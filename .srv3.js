const cp=require('child_process'); const orig=cp.spawn; cp.spawn=(cmd,args,opts)=>orig(cmd,['--cpu-prof','--cpu-prof-dir=/tmp/profs',...args],opts);
const {LspDriver}=require('./out/bench/harness/lspDriver');
(async()=>{ const d=new LspDriver(require('path').resolve('dist/server.js')); await d.initialize(require('path').resolve(process.argv[2])); await d.until(()=>d.ready,'ready',600000); console.log('ready at',d.readyAt.toFixed(0));
 await d.connection.sendRequest('shutdown'); await d.connection.sendNotification('exit'); await new Promise(r=>setTimeout(r,4000)); process.exit(0); })();
