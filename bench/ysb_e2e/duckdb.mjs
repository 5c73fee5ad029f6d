// The YSB query in DuckDB over the same NDJSON file, for bench/ysb_e2e.sh: keep view events,
// join ad_id -> campaign_id (campaigns.csv), count per campaign per 10-second tumbling window
// of event_time (epoch ms, truncated to seconds as sluice's CAST(event_time DIV 1000 AS
// TIMESTAMP)). read_ndjson reads only the three columns the query needs.
//
// Usage: node bench/ysb_e2e/duckdb.mjs <peers-dir> <data-dir> <threads> <out.csv>
// Writes `campaign_id,window_start,count` lines (window_start in epoch seconds) to out.csv and
// prints on stdout one line: `query_ms <wall> cpu_ms <user+sys of this process during the
// query>`.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const [peers, dir, threads, out] = process.argv.slice(2);
const require = createRequire(path.resolve(peers, 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await instance.connect();
const sql = `
  SELECT c.campaign_id,
         epoch(time_bucket(INTERVAL 10 SECONDS, to_timestamp(e.event_time // 1000)))::BIGINT
           AS window_start,
         count(*) AS n
  FROM read_ndjson('${dir}/events.json',
                   columns = {ad_id: 'VARCHAR', event_type: 'VARCHAR', event_time: 'BIGINT'}) e
  JOIN read_csv('${dir}/campaigns.csv', header = true,
                columns = {ad_id: 'VARCHAR', campaign_id: 'VARCHAR'}) c
    ON e.ad_id = c.ad_id
  WHERE e.event_type = 'view'
  GROUP BY ALL`;
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const reader = await con.runAndReadAll(sql);
const rows = reader.getRows();
const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
const cpu = process.cpuUsage(cpu0);
const lines = rows.map((r) => `${r[0]},${r[1]},${r[2]}`).sort();
writeFileSync(out, lines.join('\n') + '\n');
console.log(`query_ms ${wallMs.toFixed(1)} cpu_ms ${((cpu.user + cpu.system) / 1000).toFixed(1)}`);
