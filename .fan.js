const fs=require('fs');
const src=fs.readFileSync('out/bench/completion.js','utf8');
const fnSrc=src.slice(src.indexOf('function thousandLineFile()'), src.indexOf('\n}\n', src.indexOf('function thousandLineFile()'))+3);
const thousandLineFile=eval('('+fnSrc+')');
const {summarizeFiles}=require('./out/server/src/host/summarizer');
const {walkYamlFiles}=require('./out/server/src/host/fileWalker');
const {Analyzer}=require('./out/server/src/core/analysis/analyzer');
const {providedKeys}=require('./out/server/src/core/index/keys');
(async()=>{
 const files=(await walkYamlFiles(require('path').resolve('bench/corpus/large')));
 const a=new Analyzer({rootNamespace:'istio-system',defaultNamespace:'default'});
 a.setCrossFileEnabled(false);
 await summarizeFiles(files,{settings:{rootNamespace:'istio-system',defaultNamespace:'default'},log:()=>{},workers:true,onBatch:(i)=>{a.update(i)}});
 a.setCrossFileEnabled(true);
 const F='/bench/ws/mesh/routing.yaml'; a.update([{file:F,text:thousandLineFile()}]);
 const keys=new Map(); for(const r of a.index.file(F).resources) for(const k of providedKeys(r)) keys.set(k,(a.dependents.get(k)||new Set()).size);
 console.log([...keys].sort((x,y)=>y[1]-x[1]).slice(0,12));
})();
