const {Analyzer}=require('./out/server/src/core/analysis/analyzer');
const {walkYamlFiles}=require('./out/server/src/host/fileWalker');
const {parseYamlFile}=require('./out/server/src/core/parse/parseFile');
const fs=require('fs');
(async()=>{
 const dir=require('path').resolve(process.argv[2]);
 const files=await walkYamlFiles(dir);
 const texts=files.map(f=>fs.readFileSync(f,'utf8'));
 let t=Date.now(); for(let i=0;i<files.length;i++) parseYamlFile(files[i],texts[i]); console.log('parse only',Date.now()-t);
 t=Date.now(); for(let i=0;i<files.length;i++) parseYamlFile(files[i],texts[i]); console.log('parse only (warm)',Date.now()-t);
 const a=new Analyzer({rootNamespace:'istio-system',defaultNamespace:'default'});
 t=Date.now(); const sums=files.map((f,i)=>a.summarize(f,texts[i])); console.log('summarize',Date.now()-t);
 const b=new Analyzer({rootNamespace:'istio-system',defaultNamespace:'default'}, []);
 t=Date.now(); files.map((f,i)=>b.summarize(f,texts[i])); console.log('summarize without rules',Date.now()-t);
 let fallbacks=0; const {fastParse}=require('./out/server/src/core/parse/fastParse'); const {maskHelmActions}=require('./out/server/src/core/parse/helm');
 for(let i=0;i<files.length;i++){ const x=texts[i].includes('{{')?maskHelmActions(texts[i]).text:texts[i]; if(!fastParse(x)) fallbacks++; } console.log('fallbacks',fallbacks);
})();
