const {Analyzer}=require('./out/server/src/core/analysis/analyzer');
const {walkYamlFiles}=require('./out/server/src/host/fileWalker');
const fs=require('fs');
(async()=>{
 const dir=require('path').resolve(process.argv[2]);
 let t=Date.now(); const files=await walkYamlFiles(dir); console.log('walk',Date.now()-t,files.length);
 t=Date.now(); const texts=files.map(f=>fs.readFileSync(f,'utf8')); console.log('read sync',Date.now()-t);
 const a=new Analyzer({rootNamespace:'istio-system',defaultNamespace:'default'});
 a.setCrossFileEnabled(false);
 t=Date.now(); const sums=files.map((f,i)=>a.summarize(f,texts[i])); console.log('summarize',Date.now()-t);
 t=Date.now(); a.update(sums.map((s,i)=>({file:files[i],summary:s}))); console.log('index update',Date.now()-t);
 t=Date.now(); a.setCrossFileEnabled(true); console.log('cross-file',Date.now()-t);
 t=Date.now(); let n=0; for(const f of a.filesWithFindings()) n+=a.report(f,{rules:{}}).length; console.log('report',Date.now()-t,n);
 console.log('rss MB',(process.memoryUsage().rss/1e6).toFixed(0),'heap',(process.memoryUsage().heapUsed/1e6).toFixed(0));
})();
