const {summarizeFiles}=require('./out/server/src/host/summarizer');
const {walkYamlFiles}=require('./out/server/src/host/fileWalker');
const {Analyzer}=require('./out/server/src/core/analysis/analyzer');
(async()=>{
 const files=await walkYamlFiles(require('path').resolve(process.argv[2]));
 const a=new Analyzer({rootNamespace:'istio-system',defaultNamespace:'default'});
 a.setCrossFileEnabled(false);
 let up=0, maxUp=0, n=0; let t=Date.now();
 await summarizeFiles(files,{settings:{rootNamespace:'istio-system',defaultNamespace:'default'},log:()=>{},workers:true,onBatch:(i)=>{const t0=performance.now(); a.update(i); const d=performance.now()-t0; up+=d; maxUp=Math.max(maxUp,d); n++;}});
 console.log('total', Date.now()-t, 'update total', up.toFixed(0), 'max', maxUp.toFixed(0), 'batches', n);
})();
