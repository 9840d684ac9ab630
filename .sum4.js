const {Worker}=require('worker_threads');
const {walkYamlFiles}=require('./out/server/src/host/fileWalker');
const v8=require('v8');
(async()=>{
 const files=await walkYamlFiles(require('path').resolve(process.argv[2]));
 const n=+process.argv[3]||2;
 const script=require('path').resolve('out/server/src/host/summaryWorker.js');
 const B=128; const batches=[]; for(let i=0;i<files.length;i+=B) batches.push(files.slice(i,i+B));
 let next=0; const t=performance.now(); let recvBytes=0;
 await Promise.all(Array.from({length:n},()=>new Promise(res=>{ const w=new Worker(script); let inflight=0;
   const send=()=>{ if(next>=batches.length) return false; w.postMessage({id:next,files:batches[next++],settings:{rootNamespace:'istio-system',defaultNamespace:'default'}}); inflight++; return true;};
   w.on('message',m=>{inflight--; send(); if(inflight===0){w.terminate(); res();}}); send(); send(); })));
 console.log(n,'workers wall',(performance.now()-t).toFixed(0));
})();
