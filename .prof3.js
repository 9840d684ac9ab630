const {Analyzer}=require('./out/server/src/core/analysis/analyzer');
const {walkYamlFiles}=require('./out/server/src/host/fileWalker');
const fs=require('fs');
const {Session}=require('inspector'); 
(async()=>{
 const dir=require('path').resolve(process.argv[2]);
 const files=(await walkYamlFiles(dir)).sort((a,b)=>Number(/kustomization/.test(b))-Number(/kustomization/.test(a)));
 const a=new Analyzer({rootNamespace:'istio-system',defaultNamespace:'default'},undefined,undefined,require('./out/server/src/host/schemaLoader').loadSchemas());
 a.setCrossFileEnabled(false);
 const sums=files.map(f=>a.summarize(f,fs.readFileSync(f,'utf8')));
 let t=Date.now(); a.update(sums.map((s,i)=>({file:files[i],summary:s}))); console.log('index update',Date.now()-t);
 const s=new Session(); s.connect();
 const post=(m,p)=>new Promise((res,rej)=>s.post(m,p,(e,r)=>e?rej(e):res(r)));
 await post('Profiler.enable'); await post('Profiler.start');
 t=Date.now(); a.setCrossFileEnabled(true); console.log('cross-file',Date.now()-t);
 const {profile:p}=await post('Profiler.stop');
 const self=new Map();const byId=new Map(p.nodes.map(n=>[n.id,n]));
 const dt=p.timeDeltas;for(let i=0;i<p.samples.length;i++){const n=byId.get(p.samples[i]);const k=n.callFrame.functionName+' '+(n.callFrame.url.split('/').slice(-2).join('/'))+':'+n.callFrame.lineNumber;self.set(k,(self.get(k)||0)+(dt[i]||0));}
 console.log([...self].sort((a,b)=>b[1]-a[1]).slice(0,25).map(([k,v])=>(v/1000).toFixed(0)+'ms '+k).join('\n'));
})();
