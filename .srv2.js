const {LspDriver}=require('./out/bench/harness/lspDriver');
const cp=require('child_process');
(async()=>{ 
 const orig=cp.spawn; cp.spawn=(cmd,args,opts)=>orig(cmd,['--trace-gc',...args],{...opts,stdio:['pipe','pipe','inherit']});
 const d=new LspDriver(require('path').resolve('dist/server.js')); await d.initialize(require('path').resolve(process.argv[2])); await d.until(()=>d.ready,'ready',600000); console.error('ready at',d.readyAt.toFixed(0)); const s=await d.connection.sendRequest('istio/stats',{}); console.error(s.eventLoopMaxMs); await d.dispose(); })();
