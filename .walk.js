const {walkYamlFiles}=require('./out/server/src/host/fileWalker');
(async()=>{ for (let i=0;i<3;i++){ let t=Date.now(); const f=await walkYamlFiles(require('path').resolve('bench/corpus/large')); console.log('walk',Date.now()-t,f.length);} })();
