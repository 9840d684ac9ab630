const fs=require('fs');
const src=fs.readFileSync('out/bench/completion.js','utf8');
const fnSrc=src.slice(src.indexOf('function thousandLineFile()'), src.indexOf('\n}\n', src.indexOf('function thousandLineFile()'))+3);
const thousandLineFile=eval('('+fnSrc+')');
const {summarizeFiles}=require('./out/server/src/host/summarizer');
const {walkYamlFiles}=require('./out/server/src/host/fileWalker');
const {Analyzer}=require('./out/server/src/core/analysis/analyzer');
const {loadSchemas}=require('./out/server/src/host/schemaLoader');
const {Session}=require('inspector');
(async()=>{
 const files=(await walkYamlFiles(require('path').resolve('bench/corpus/large'))).sort((a,b)=>Number(/kustomization/.test(b))-Number(/kustomization/.test(a)));
 const a=new Analyzer({rootNamespace:'istio-system',defaultNamespace:'default'},undefined,undefined,loadSchemas());
 a.setCrossFileEnabled(false);
 await summarizeFiles(files,{settings:{rootNamespace:'istio-system',defaultNamespace:'default'},log:()=>{},workers:true,onBatch:(i)=>{a.update(i)}});
 a.setCrossFileEnabled(true);
 const text=thousandLineFile(); const F='/bench/ws/mesh/routing.yaml';
 a.update([{file:F,text}]);
 const times=[]; 
 for(let i=0;i<20;i++){ const t=performance.now(); const ch=a.update([{file:F,text:text.replace('timeout: 5s','timeout: '+(i+1)+'s')}]); times.push(performance.now()-t); if(i===0) console.log('changed files', ch.size); }
 console.log('edit times', times.map(x=>x.toFixed(0)).join(' '));
 const s=new Session(); s.connect(); const post=(m,p)=>new Promise((res,rej)=>s.post(m,p,(e,r)=>e?rej(e):res(r)));
 await post('Profiler.enable'); await post('Profiler.start');
 for(let i=0;i<10;i++) a.update([{file:F,text:text.replace('timeout: 5s','timeout: '+(i+30)+'s')}]);
 const {profile:p}=await post('Profiler.stop');
 const self=new Map();const byId=new Map(p.nodes.map(n=>[n.id,n]));
 const dt=p.timeDeltas;for(let i=0;i<p.samples.length;i++){const n=byId.get(p.samples[i]);const k=n.callFrame.functionName+' '+(n.callFrame.url.split('/').slice(-2).join('/'))+':'+n.callFrame.lineNumber;self.set(k,(self.get(k)||0)+(dt[i]||0));}
 console.log([...self].sort((a,b)=>b[1]-a[1]).slice(0,15).map(([k,v])=>(v/1000).toFixed(0)+'ms '+k).join('\n'));
})();
