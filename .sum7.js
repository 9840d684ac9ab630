const {Worker}=require('worker_threads');
const {walkYamlFiles}=require('./out/server/src/host/fileWalker');
(async()=>{
 const files=await walkYamlFiles(require('path').resolve('bench/corpus/large'));
 const young=+process.argv[2];
 const B=32; const batches=[]; for(let i=0;i<files.length;i+=B) batches.push(files.slice(i,i+B));
 let next=0; const t=performance.now();
 await Promise.all(Array.from({length:2},()=>new Promise(res=>{ const w=new Worker(require('path').resolve('out/server/src/host/summaryWorker.js'), young?{resourceLimits:{maxYoungGenerationSizeMb:young}}:{}); let inflight=0;
   const send=()=>{ if(next>=batches.length) return false; w.postMessage({id:next,files:batches[next++],settings:{rootNamespace:'istio-system',defaultNamespace:'default'}}); inflight++; return true;};
   w.on('message',m=>{inflight--; send(); if(inflight===0){w.terminate(); res();}}); send(); send(); })));
 const u=process.cpuUsage(); console.log('young',young,'wall',(performance.now()-t).toFixed(0),'cpu', ((u.user+u.system)/1000).toFixed(0));
})();
