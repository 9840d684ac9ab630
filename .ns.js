const {summarizeFiles}=require('./out/server/src/host/summarizer');
const {walkYamlFiles}=require('./out/server/src/host/fileWalker');
const {Analyzer}=require('./out/server/src/core/analysis/analyzer');
const {Session}=require('inspector');
(async()=>{
 const files=(await walkYamlFiles(require("path").resolve(process.argv[2]))).sort((a,b)=>Number(/kustomization/.test(b))-Number(/kustomization/.test(a)));
 const a=new Analyzer({rootNamespace:'istio-system',defaultNamespace:'default'});
 a.setCrossFileEnabled(false);
 await summarizeFiles(files,{settings:{rootNamespace:'istio-system',defaultNamespace:'default'},log:()=>{},workers:true,onBatch:(i)=>{a.update(i)}});
 const s=new Session(); s.connect(); const post=(m,p)=>new Promise((res,rej)=>s.post(m,p,(e,r)=>e?rej(e):res(r)));
 await post('Profiler.enable'); await post('Profiler.start');
 let t=performance.now(); const moved=a.index.setDeferNamespaces(false); console.log('settle ns', (performance.now()-t).toFixed(0), 'moved', moved.added.length);
 const {profile:p}=await post('Profiler.stop');
 const self=new Map();const byId=new Map(p.nodes.map(n=>[n.id,n]));
 const dt=p.timeDeltas;for(let i=0;i<p.samples.length;i++){const n=byId.get(p.samples[i]);const k=n.callFrame.functionName+' '+(n.callFrame.url.split('/').slice(-2).join('/'))+':'+n.callFrame.lineNumber;self.set(k,(self.get(k)||0)+(dt[i]||0));}
 console.log([...self].sort((a,b)=>b[1]-a[1]).slice(0,10).map(([k,v])=>(v/1000).toFixed(0)+'ms '+k).join('\n'));
})();
