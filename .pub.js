const {summarizeFiles}=require('./out/server/src/host/summarizer');
const {walkYamlFiles}=require('./out/server/src/host/fileWalker');
const {Analyzer}=require('./out/server/src/core/analysis/analyzer');
const {loadSchemas}=require('./out/server/src/host/schemaLoader');
const {toDiagnostic}=require('./out/server/src/lsp/convert');
const {UriMap}=require('./out/server/src/lsp/uris');
const {Session}=require('inspector');
(async()=>{
 const files=(await walkYamlFiles(require('path').resolve(process.argv[2])));
 const a=new Analyzer({rootNamespace:'istio-system',defaultNamespace:'default'},undefined,undefined,loadSchemas());
 a.setCrossFileEnabled(false);
 await summarizeFiles(files,{settings:{rootNamespace:'istio-system',defaultNamespace:'default'},log:()=>{},workers:true,onBatch:(i)=>{a.update(i)}});
 let t=performance.now(); const changed=a.setCrossFileEnabled(true); console.log('cross-file', (performance.now()-t).toFixed(0), 'files changed', changed.size);
 const s=new Session(); s.connect(); const post=(m,p)=>new Promise((res,rej)=>s.post(m,p,(e,r)=>e?rej(e):res(r)));
 await post('Profiler.enable'); await post('Profiler.start');
 t=performance.now(); const uris=new UriMap(); let n=0, bytes=0, withF=0;
 for (const file of changed) { const sum=a.index.file(file); const f=a.report(file,{rules:{}}); if(f.length===0) continue; withF++; const d=f.map(x=>toDiagnostic(x,sum.lineStarts,g=>a.index.file(g)?.lineStarts,uris)); bytes+=JSON.stringify({uri:uris.toUri(file),diagnostics:d}).length; n+=d.length; }
 console.log('publish-equivalent', (performance.now()-t).toFixed(0), 'files with findings', withF, 'diagnostics', n, 'MB', (bytes/1e6).toFixed(1));
 const {profile:p}=await post('Profiler.stop');
 const self=new Map();const byId=new Map(p.nodes.map(n=>[n.id,n]));
 const dt=p.timeDeltas;for(let i=0;i<p.samples.length;i++){const n=byId.get(p.samples[i]);const k=n.callFrame.functionName+' '+(n.callFrame.url.split('/').slice(-2).join('/'))+':'+n.callFrame.lineNumber;self.set(k,(self.get(k)||0)+(dt[i]||0));}
 console.log([...self].sort((a,b)=>b[1]-a[1]).slice(0,12).map(([k,v])=>(v/1000).toFixed(0)+'ms '+k).join('\n'));
})();
