const {walkYamlFiles}=require('./out/server/src/host/fileWalker');
const {readInputSync}=require('./out/server/src/host/fileInput');
const v8=require('v8');
(async()=>{
 const files=(await walkYamlFiles(require('path').resolve(process.argv[2]))).slice(0,5000);
 const inputs=files.map(f=>readInputSync(f,{rootNamespace:'istio-system',defaultNamespace:'default'},()=>{}));
 const tot=v8.serialize(inputs).length;
 const ls=v8.serialize(inputs.map(i=>i.summary?.lineStarts)).length;
 const res=v8.serialize(inputs.map(i=>i.summary?.resources)).length;
 const fin=v8.serialize(inputs.map(i=>i.summary?.findings)).length;
 const dir=v8.serialize(inputs.map(i=>i.summary?.directives)).length;
 console.log('total',tot,'lineStarts',ls,'resources',res,'findings',fin,'directives',dir);
 // biggest resource fields
 const fieldSize={}; for(const i of inputs) for(const r of i.summary?.resources??[]) for(const [k,v] of Object.entries(r)) fieldSize[k]=(fieldSize[k]||0)+v8.serialize(v===undefined?null:v).length;
 console.log(Object.entries(fieldSize).sort((a,b)=>b[1]-a[1]).slice(0,15));
 const ex=inputs.find(i=>i.summary?.resources?.some(r=>r.kind==='VirtualService')).summary.resources.find(r=>r.kind==='VirtualService'); console.log(JSON.stringify(ex).slice(0,1500));
})();
