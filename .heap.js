const {summarizeFiles}=require('./out/server/src/host/summarizer');
const {walkYamlFiles}=require('./out/server/src/host/fileWalker');
const {Analyzer}=require('./out/server/src/core/analysis/analyzer');
const {loadSchemas}=require('./out/server/src/host/schemaLoader');
const mb=()=>{global.gc(); return (process.memoryUsage().heapUsed/1e6).toFixed(0);};
(async()=>{
 const files=(await walkYamlFiles(require('path').resolve(process.argv[2]))).sort((a,b)=>Number(/kustomization/.test(b))-Number(/kustomization/.test(a)));
 console.log('start heap', mb());
 const a=new Analyzer({rootNamespace:'istio-system',defaultNamespace:'default'},undefined,undefined,loadSchemas());
 console.log('schemas loaded', mb());
 a.setCrossFileEnabled(false);
 await summarizeFiles(files,{settings:{rootNamespace:'istio-system',defaultNamespace:'default'},log:()=>{},workers:true,onBatch:(i)=>{a.update(i)}});
 console.log('indexed', mb());
 a.setCrossFileEnabled(true);
 console.log('cross-file done', mb());
 let n=0; for (const s of a.index.allFiles()) n+=s.lineStarts.length; console.log('lineStarts entries', n);
 console.log('rss', (process.memoryUsage().rss/1e6).toFixed(0));
})();
