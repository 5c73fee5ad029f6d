#include "runtime/ui/ui_page.h"

namespace sluice {
namespace {

// Every chart is an <svg data-chart="..."> whose series carry their plotted values in
// data-values (and the batch ids in data-batches), so tests and curious users can read the
// numbers behind a line from the DOM.
constexpr std::string_view kPage = R"PAGE(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>sluice: streaming queries</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.2em;color:#222;background:#fafafa}
h1{font-size:1.3em;margin:0 0 .6em} h2{font-size:1.1em;margin:1.4em 0 .4em}
table.list{border-collapse:collapse;background:#fff}
table.list td,table.list th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
table.list th{background:#eee}
.charts{display:flex;flex-wrap:wrap;gap:10px}
.chart{background:#fff;border:1px solid #ddd;padding:4px 6px}
.chart h3{font-size:12px;margin:0 0 2px;font-weight:600}
.legend span{font-size:11px;margin-right:8px}
.status-failed{color:#b00;font-weight:600} .status-active{color:#070}
pre{background:#fff;border:1px solid #ddd;padding:6px;overflow:auto;max-height:30em;font-size:12px}
.err{color:#b00;white-space:pre-wrap}
</style></head>
<body>
<h1>sluice &mdash; streaming queries <small id="updated"></small></h1>
<table class="list" id="queries"><thead><tr><th>name</th><th>id</th><th>status</th>
<th>trigger</th><th>sources</th><th>sink</th><th>last batch</th><th>rows in / out</th>
<th>errors</th></tr></thead><tbody></tbody></table>
<div id="details"></div>
<script>
"use strict";
const COLORS=["#1f77b4","#ff7f0e","#2ca02c","#d62728","#9467bd","#8c564b","#e377c2","#17becf"];
const NS="http://www.w3.org/2000/svg";
function el(tag,attrs,text){const e=document.createElement(tag);
  for(const k in attrs||{})e.setAttribute(k,attrs[k]); if(text!==undefined)e.textContent=text;return e;}
function svgEl(tag,attrs){const e=document.createElementNS(NS,tag);
  for(const k in attrs)e.setAttribute(k,attrs[k]);return e;}
function fmt(v){if(v===null||v===undefined||!isFinite(v))return "-";
  const a=Math.abs(v);if(a>=1e6)return (v/1e6).toFixed(1)+"M";if(a>=1e3)return (v/1e3).toFixed(1)+"k";
  return Number.isInteger(v)?String(v):v.toFixed(2);}
// A chart: series = [{label, values:[number|null]}] over batches; stacked = bars.
function chart(name,title,batches,series,stacked,unit){
  const W=360,H=150,L=44,B=18,T=6,R=6;
  const box=el("div",{class:"chart"});box.appendChild(el("h3",{},title+(unit?" ("+unit+")":"")));
  const svg=svgEl("svg",{width:W,height:H,"data-chart":name,"data-points":String(batches.length)});
  let max=0;
  for(let i=0;i<batches.length;i++){let s=0;for(const ser of series){const v=ser.values[i];
    if(v!==null&&isFinite(v)){if(stacked)s+=Math.max(0,v);else max=Math.max(max,v);}}
    if(stacked)max=Math.max(max,s);}
  if(max<=0)max=1;
  const n=batches.length,xw=(W-L-R)/Math.max(1,n),y=v=>T+(H-T-B)*(1-v/max);
  svg.appendChild(svgEl("line",{x1:L,y1:H-B,x2:W-R,y2:H-B,stroke:"#999"}));
  svg.appendChild(svgEl("line",{x1:L,y1:T,x2:L,y2:H-B,stroke:"#999"}));
  const yl=svgEl("text",{x:L-3,y:T+9,"text-anchor":"end","font-size":10});yl.textContent=fmt(max);svg.appendChild(yl);
  const y0=svgEl("text",{x:L-3,y:H-B,"text-anchor":"end","font-size":10});y0.textContent="0";svg.appendChild(y0);
  if(n){const b0=svgEl("text",{x:L,y:H-4,"font-size":10});b0.textContent="batch "+batches[0];svg.appendChild(b0);
    const b1=svgEl("text",{x:W-R,y:H-4,"font-size":10,"text-anchor":"end"});b1.textContent=String(batches[n-1]);svg.appendChild(b1);}
  const base=new Array(n).fill(0);
  series.forEach((ser,si)=>{
    const g=svgEl("g",{"data-series":ser.label,"data-values":ser.values.map(v=>v===null?"":String(v)).join(","),
      "data-batches":batches.join(",")});
    const c=COLORS[si%COLORS.length];
    if(stacked){ser.values.forEach((v,i)=>{const h=Math.max(0,v||0);if(!h)return;
        const r=svgEl("rect",{x:L+i*xw+1,width:Math.max(1,xw-2),y:y(base[i]+h),height:y(base[i])-y(base[i]+h),fill:c});
        const tt=svgEl("title",{});tt.textContent="batch "+batches[i]+" "+ser.label+": "+v+(unit?" "+unit:"");r.appendChild(tt);
        g.appendChild(r);base[i]+=h;});}
    else{let d="";ser.values.forEach((v,i)=>{if(v===null||!isFinite(v))return;
        const px=L+(i+0.5)*xw;d+=(d?"L":"M")+px.toFixed(1)+" "+y(v).toFixed(1);
        const dot=svgEl("circle",{cx:px,cy:y(v),r:2,fill:c});const tt=svgEl("title",{});
        tt.textContent="batch "+batches[i]+" "+ser.label+": "+v;dot.appendChild(tt);g.appendChild(dot);});
      if(d)g.insertBefore(svgEl("path",{d:d,fill:"none",stroke:c,"stroke-width":1.5}),g.firstChild);}
    svg.appendChild(g);});
  box.appendChild(svg);
  const lg=el("div",{class:"legend"});series.forEach((s,i)=>{const sp=el("span",{},"\u25A0 "+s.label);
    sp.style.color=COLORS[i%COLORS.length];lg.appendChild(sp);});box.appendChild(lg);
  return box;}
function val(v){return (v===undefined||v===null)?null:Number(v);}
function kafkaOffsets(o){if(!o||typeof o!=="object")return null;const out={};
  for(const t in o){if(typeof o[t]!=="object"||o[t]===null)return null;
    for(const p in o[t]){if(typeof o[t][p]!=="number")return null;out[t+"/"+p]=o[t][p];}}return out;}
function seriesOf(ps){
  const batches=ps.map(p=>p.batchId);
  const rates=[{label:"inputRowsPerSecond",values:ps.map(p=>val(p.inputRowsPerSecond))},
               {label:"processedRowsPerSecond",values:ps.map(p=>val(p.processedRowsPerSecond))}];
  const d=k=>ps.map(p=>(p.durationMs&&p.durationMs[k])||0);
  const getB=d("getBatch"),add=d("addBatch"),sink=d("sinkFlush"),wal=d("walCommit"),
        com=d("commitOffsets"),trig=d("triggerExecution");
  const stCommit=ps.map(p=>(p.stateOperators||[]).reduce((s,o)=>s+(o.commitTimeMs||0),0));
  const kernels=add.map((a,i)=>Math.max(0,a-sink[i]));
  const commit=wal.map((w,i)=>w+com[i]+stCommit[i]);
  const other=trig.map((t,i)=>Math.max(0,t-getB[i]-kernels[i]-sink[i]-commit[i]));
  const phases=[{label:"getBatch",values:getB},{label:"kernels",values:kernels},
                {label:"sink",values:sink},{label:"commit",values:commit},{label:"other",values:other}];
  const nOps=Math.max(0,...ps.map(p=>(p.stateOperators||[]).length));
  const stRows=[],stMem=[];
  for(let i=0;i<nOps;i++){const nm=i+":"+(((ps.find(p=>p.stateOperators&&p.stateOperators[i])||{}).stateOperators||[])[i]||{}).operatorName;
    stRows.push({label:nm,values:ps.map(p=>p.stateOperators&&p.stateOperators[i]?p.stateOperators[i].numRowsTotal:null)});
    stMem.push({label:nm,values:ps.map(p=>p.stateOperators&&p.stateOperators[i]?p.stateOperators[i].memoryUsedBytes:null)});}
  const lag=[{label:"watermarkLagSeconds",values:ps.map(p=>{const e=p.eventTime||{};
    if(!e.watermark||!e.max||Date.parse(e.watermark)<=0)return null;return (Date.parse(e.max)-Date.parse(e.watermark))/1000;})}];
  const late=[{label:"numRowsDroppedByWatermark",values:ps.map(p=>(p.stateOperators||[]).reduce((s,o)=>s+(o.numRowsDroppedByWatermark||0),0))}];
  const behind={};
  ps.forEach((p,i)=>(p.sources||[]).forEach((s,si)=>{const l=kafkaOffsets(s.latestOffset),e=kafkaOffsets(s.endOffset);
    if(!l||!e)return;for(const k in l){const key=(p.sources.length>1?si+":":"")+k;
      if(!behind[key])behind[key]=new Array(ps.length).fill(null);behind[key][i]=l[k]-(e[k]||0);}}));
  const offs=Object.keys(behind).sort().map(k=>({label:k,values:behind[k]}));
  return {batches,rates,phases,stRows,stMem,lag,late,offs};}
const openState={};
function renderQuery(q){
  const sec=el("section",{id:"query-"+q.index,"data-query":q.name});
  sec.appendChild(el("h2",{},q.name+" \u2014 "+q.status));
  const ps=q.recentProgress||[];
  const s=seriesOf(ps);
  const charts=el("div",{class:"charts"});
  charts.appendChild(chart("rates","input and processed rows",s.batches,s.rates,false,"rows/s"));
  charts.appendChild(chart("duration","batch duration by phase",s.batches,s.phases,true,"ms"));
  if(s.stRows.length){charts.appendChild(chart("state-rows","state rows per operator",s.batches,s.stRows,false));
    charts.appendChild(chart("state-memory","state memory per operator",s.batches,s.stMem,false,"bytes"));}
  if(s.lag[0].values.some(v=>v!==null))charts.appendChild(chart("watermark-lag","watermark lag to the newest event",s.batches,s.lag,false,"s"));
  if(s.stRows.length)charts.appendChild(chart("late-rows","rows dropped as late",s.batches,s.late,true,"rows"));
  if(s.offs.length)charts.appendChild(chart("offsets-behind","offsets behind latest per partition",s.batches,s.offs,false,"offsets"));
  sec.appendChild(charts);
  const last=ps.length?ps[ps.length-1]:null;
  if(last){const t=el("table",{class:"list","data-last-batch":String(last.batchId)});
    const row=(k,v)=>{const tr=el("tr");tr.appendChild(el("th",{},k));tr.appendChild(el("td",{"data-field":k},v));t.appendChild(tr);};
    row("batchId",String(last.batchId));row("numInputRows",String(last.numInputRows));
    row("inputRowsPerSecond",last.inputRowsPerSecond===undefined?"":String(last.inputRowsPerSecond));
    row("processedRowsPerSecond",last.processedRowsPerSecond===undefined?"":String(last.processedRowsPerSecond));
    row("numOutputRows",String(last.sink.numOutputRows));
    if(last.eventTime&&last.eventTime.watermark)row("watermark",last.eventTime.watermark);
    sec.appendChild(t);}
  const det=(key,title,text)=>{const d=el("details",{"data-detail":key});if(openState[q.index+key])d.open=true;
    d.addEventListener("toggle",()=>{openState[q.index+key]=d.open;});
    d.appendChild(el("summary",{},title));d.appendChild(el("pre",{},text));return d;};
  sec.appendChild(det("text","query text",q.queryText));
  sec.appendChild(det("plan","physical plan (pipelines *(n))",q.plan));
  const ir=el("details",{"data-detail":"ir"});ir.appendChild(el("summary",{},"generated LLVM IR (on request)"));
  const pre=el("pre",{},"");ir.appendChild(pre);
  ir.addEventListener("toggle",()=>{if(!ir.open||pre.textContent)return;pre.textContent="compiling...";
    fetch("api/queries/"+q.index+"/ir").then(r=>r.text()).then(t=>{pre.textContent=t;});});
  sec.appendChild(ir);
  return sec;}
function renderList(qs){const tb=document.querySelector("#queries tbody");tb.textContent="";
  for(const q of qs){const tr=el("tr",{"data-query":q.name});
    const cells=[q.name,q.id||"-",q.status,q.trigger,q.sources.join(", "),q.sink,
      q.lastBatch===null?"-":String(q.lastBatch),q.inputRowsTotal+" / "+q.outputRowsTotal,q.error||""];
    cells.forEach((c,i)=>{const td=el("td",{},c);if(i===2)td.className="status-"+q.status;if(i===8)td.className="err";
      if(i===0){td.textContent="";const a=el("a",{href:"#query-"+q.index},c);td.appendChild(a);}tr.appendChild(td);});
    tb.appendChild(tr);}}
// Only redraw a query when its data changed, so open <details> and the IR stay put.
const drawn={};
async function refresh(){
  try{const qs=await (await fetch("api/queries")).json();renderList(qs);
    const det=document.getElementById("details");
    for(const q of qs){const key=q.status+"/"+q.lastBatch+"/"+(q.error||"");
      const old=document.getElementById("query-"+q.index);
      if(old&&drawn[q.index]===key)continue;drawn[q.index]=key;
      const fresh=renderQuery(q);
      if(old){const irOld=old.querySelector('[data-detail="ir"]'),irNew=fresh.querySelector('[data-detail="ir"]');
        if(irOld)fresh.replaceChild(irOld,irNew);old.replaceWith(fresh);}else det.appendChild(fresh);}
    document.getElementById("updated").textContent="updated "+new Date().toLocaleTimeString();
    document.body.setAttribute("data-loaded","true");
  }catch(e){document.getElementById("updated").textContent="(cannot reach the engine: "+e+")";}}
refresh();setInterval(refresh,1000);
</script></body></html>
)PAGE";

}  // namespace

std::string_view uiPageHtml() {
  return kPage;
}

}  // namespace sluice
