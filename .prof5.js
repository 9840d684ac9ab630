const {Analyzer}=require('./out/server/src/core/analysis/analyzer');
const {loadSchemas}=require('./out/server/src/host/schemaLoader');
const {walkYamlFiles}=require('./out/server/src/host/fileWalker');
const fs=require('fs');
const {Session}=require('inspector');
(async()=>{
 const files=await walkYamlFiles(require('path').resolve(process.argv[2]));
 const texts=files.map(f=>fs.readFileSync(f,'utf8'));
 const a=new Analyzer({rootNamespace:'istio-system',defaultNamespace:'default'},undefined,undefined,loadSchemas());
 let t=performance.now(); files.map((f,i)=>a.summarize(f,texts[i])); console.log('warmup summarize', (performance.now()-t).toFixed(0));
 const s=new Session(); s.connect(); const post=(m,p)=>new Promise((res,rej)=>s.post(m,p,(e,r)=>e?rej(e):res(r)));
 await post('Profiler.enable'); await post('Profiler.start');
 t=performance.now(); files.map((f,i)=>a.summarize(f,texts[i])); console.log('summarize', (performance.now()-t).toFixed(0));
 const {profile:p}=await post('Profiler.stop');
  { const self=new Map();const byId2=new Map(p.nodes.map(n=>[n.id,n])); const dt=p.timeDeltas;for(let i=0;i<p.samples.length;i++){const n=byId2.get(p.samples[i]);const k=n.callFrame.functionName+" "+(n.callFrame.url.split("/").slice(-2).join("/"))+":"+n.callFrame.lineNumber;self.set(k,(self.get(k)||0)+(dt[i]||0));} console.log([...self].sort((a,b)=>b[1]-a[1]).slice(0,20).map(([k,v])=>(v/1000).toFixed(0)+"ms "+k).join("\n")); }
 const byId=new Map(p.nodes.map(n=>[n.id,n])); const parent=new Map(); for(const n of p.nodes) for(const c of n.children||[]) parent.set(c,n.id);
 const selfT=new Map(); const dt=p.timeDeltas; for(let i=0;i<p.samples.length;i++){selfT.set(p.samples[i],(selfT.get(p.samples[i])||0)+(dt[i]||0));}
 const incl=new Map();
 for(const [id,tm] of selfT){ const seen=new Set(); let cur=id; while(cur!==undefined){ const n=byId.get(cur); const f=n.callFrame.url.split('/').slice(-2).join('/'); if(!seen.has(f)){seen.add(f); incl.set(f,(incl.get(f)||0)+tm);} cur=parent.get(cur);} }
 console.log([...incl].filter(([k])=>k.includes('rules/')||k.includes('parse/')||k.includes('model/')||k.includes('schema/')).sort((a,b)=>b[1]-a[1]).slice(0,25).map(([k,v])=>(v/1000).toFixed(0)+'ms '+k).join('\n'));
})();
