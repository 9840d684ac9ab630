const {Worker}=require('worker_threads');
const {walkYamlFiles}=require('./out/server/src/host/fileWalker');
(async()=>{
 const files=await walkYamlFiles(require('path').resolve(process.argv[2]));
 for (const mode of ['count','ser','full']) {
 const B=48; const batches=[]; for(let i=0;i<files.length;i+=B) batches.push(files.slice(i,i+B));
 let next=0; const t=performance.now(); let compute=0, ser=0, size=0, recv=0;
 await Promise.all(Array.from({length:2},()=>new Promise(res=>{ const w=new Worker(require('path').resolve('out/server/src/host/.probeWorker.js')); let inflight=0;
   const send=()=>{ if(next>=batches.length) return false; w.postMessage({files:batches[next++],settings:{rootNamespace:'istio-system',defaultNamespace:'default'},mode}); inflight++; return true;};
   w.on('message',m=>{inflight--; compute+=m.compute; ser+=m.ser||0; size+=m.size||0; send(); if(inflight===0){w.terminate(); res();}}); send(); send(); })));
 console.log(mode,'wall',(performance.now()-t).toFixed(0),'worker compute',compute.toFixed(0),'serialize',ser.toFixed(0),'MB',(size/1e6).toFixed(0));
 }
})();
