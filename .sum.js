const {summarizeFiles}=require('./out/server/src/host/summarizer');
const {walkYamlFiles}=require('./out/server/src/host/fileWalker');
(async()=>{
 const files=await walkYamlFiles(require('path').resolve(process.argv[2]));
 for (const workers of [process.argv[3]==='w']) {
  let n=0; let t=Date.now(); let main=0;
  await summarizeFiles(files,{settings:{rootNamespace:'istio-system',defaultNamespace:'default'},log:()=>{},workers,onBatch:(i)=>{n+=i.length;}});
  console.log(workers?'workers':'inline', Date.now()-t, n);
 }
})();
