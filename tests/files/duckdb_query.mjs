// Runs one SQL statement in DuckDB (@duckdb/node-api from <peers>, see tools/test_peers.sh)
// and prints its rows tab-separated, one per line (NULL as "NULL"): the independent reader of
// the file-sink tests. Usage: node duckdb_query.mjs <peers dir> <sql>
import { createRequire } from 'node:module';
import path from 'node:path';

const [peers, sql] = process.argv.slice(2);
const require = createRequire(path.resolve(peers, 'package.json'));
const duck = require('@duckdb/node-api');

const instance = await duck.DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const reader = await conn.runAndReadAll(sql);
for (const row of reader.getRows())
  console.log(row.map((v) => (v === null ? 'NULL' : String(v))).join('\t'));
