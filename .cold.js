const fs=require('fs'),path=require('path');
const {readInputSync}=require('./out/server/src/host/fileInput');
const {walkYamlFiles}=require('./out/server/src/host/fileWalker');
(async()=>{ const files=(await walkYamlFiles(path.resolve('bench/corpus/large'))).filter((_,i)=>i%2===0);
 let t=performance.now(); for(const f of files) readInputSync(f,{rootNamespace:'istio-system',defaultNamespace:'default'},()=>{}); console.log('half corpus cold', (performance.now()-t).toFixed(0)); })();
