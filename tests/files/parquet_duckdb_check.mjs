// DuckDB's side of the Parquet cross-checks (parquet_duckdb_test.sh). Commands:
//   node parquet_duckdb_check.mjs <peers> read <file.parquet> <expected.jsonl> <duckdb types>
//     DuckDB reads the file; its column types must be <duckdb types> (comma-separated
//     DESCRIBE types) and its rows the canonical rows in <expected.jsonl>.
//   node parquet_duckdb_check.mjs <peers> write <dir>
//     DuckDB writes files of every type (zstd / snappy / uncompressed / gzip, dictionary and
//     plain columns) to <dir>, with <name>.expected.jsonl holding the rows in canonical form.
//   node parquet_duckdb_check.mjs <peers> compare <a.jsonl> <b.jsonl>
// Canonical rows (as parquet_tool dump prints them): integers, decimals, dates (days) and
// timestamps (micros) as strings, floats as numbers, binaries as hex, maps as [[k, v], ...].
import { createRequire } from 'node:module';
import fs from 'node:fs';

const [peers, cmd, ...args] = process.argv.slice(2);
const require = createRequire(peers + '/package.json');
const duck = require('@duckdb/node-api');

function canon(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) && !Object.is(v, -0) ? v : v;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (v instanceof duck.DuckDBDecimalValue) return decimal(v.value, v.scale);
  if (v instanceof duck.DuckDBDateValue) return String(v.days);
  if (v.micros !== undefined) return v.micros.toString();
  if (v instanceof duck.DuckDBBlobValue) return Buffer.from(v.bytes).toString('hex');
  if (v instanceof duck.DuckDBListValue) return v.items.map(canon);
  if (v instanceof duck.DuckDBMapValue) return v.entries.map((e) => [canon(e.key), canon(e.value)]);
  if (v instanceof duck.DuckDBStructValue) {
    const o = {};
    for (const [k, x] of Object.entries(v.entries)) o[k] = canon(x);
    return o;
  }
  if (v instanceof duck.DuckDBUUIDValue) return v.toString();
  return String(v);
}

function decimal(value, scale) {
  const neg = value < 0n;
  let s = (neg ? -value : value).toString();
  if (scale > 0) {
    s = s.padStart(scale + 1, '0');
    s = s.slice(0, s.length - scale) + '.' + s.slice(s.length - scale);
  }
  return (neg ? '-' : '') + s;
}

// Integral values are compared as strings on both sides; DuckDB returns small ints as numbers.
function same(a, b, path) {
  if (a === null || b === null) return a === b || fail(path, a, b);
  if (typeof a === 'number' || typeof b === 'number') {
    const x = Number(a), y = Number(b);
    return x === y || Math.fround(x) === Math.fround(y) || fail(path, a, b);
  }
  if (typeof a === 'string' || typeof b === 'string' || typeof a === 'boolean')
    return String(a) === String(b) || fail(path, a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return fail(path, a, b);
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return fail(path, a, b);
  return ka.every((k) => same(a[k], b[k], path + '.' + k));
}

function fail(path, a, b) {
  console.error(`mismatch at ${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  return false;
}

function compareRows(actual, expected, what) {
  if (actual.length !== expected.length) {
    console.error(`${what}: ${actual.length} rows, expected ${expected.length}`);
    process.exit(1);
  }
  for (let i = 0; i < actual.length; ++i)
    if (!same(actual[i], expected[i], `${what} row ${i}`)) process.exit(1);
}

const readJsonl = (f) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l));

async function rowsOf(conn, sql) {
  const reader = await conn.runAndReadAll(sql);
  const names = reader.columnNames();
  return reader.getRows().map((r) => Object.fromEntries(r.map((v, i) => [names[i], canon(v)])));
}

const inst = await duck.DuckDBInstance.create(':memory:');
const conn = await inst.connect();

if (cmd === 'read') {
  const [file, expectedFile, types] = args;
  const desc = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`);
  const got = desc.getRows().map((r) => r[1]).join(',');
  if (got !== types) {
    console.error(`${file}: DuckDB reads types\n  ${got}\nexpected\n  ${types}`);
    process.exit(1);
  }
  compareRows(await rowsOf(conn, `SELECT * FROM read_parquet('${file}')`), readJsonl(expectedFile), file);
} else if (cmd === 'compare') {
  compareRows(readJsonl(args[0]), readJsonl(args[1]), args[0]);
} else if (cmd === 'write') {
  const dir = args[0];
  const select = `SELECT i::INTEGER AS id,
      (i % 2 = 0) AS b, (i % 100 - 50)::TINYINT AS t, (i * 7)::SMALLINT AS s, i * 1000003 AS l,
      (i / 8)::FLOAT AS f, (i / 3)::DOUBLE AS d, (i * 1.25)::DECIMAL(9,2) AS d9,
      (i * 1000000.5)::DECIMAL(18,3) AS d18, (i::HUGEINT * 100000000000000000000)::DECIMAL(38,4) AS d38,
      'low-' || (i % 4) AS low, 'high-' || md5(i::VARCHAR) AS high, md5(i::VARCHAR)::BLOB AS bin,
      (DATE '2020-01-01' + (i % 1000)::INTEGER) AS dt,
      (TIMESTAMPTZ '2020-01-01 00:00:00+00' + to_microseconds(i * 1234567)) AS ts,
      (TIMESTAMP '2020-01-01 00:00:00' + to_microseconds(i * 1000)) AS ts_local,
      (i % 256)::UTINYINT AS u8, (i * 300)::UINTEGER AS u32,
      CASE WHEN i % 5 = 0 THEN NULL ELSE [i, NULL, i + 1] END AS arr,
      CASE WHEN i % 7 = 0 THEN [] ELSE [{'name': 'n' || i, 'id': i}, NULL] END AS people,
      CASE WHEN i % 3 = 0 THEN NULL ELSE {'a': i, 'b': CASE WHEN i % 2 = 0 THEN NULL ELSE [['x'], []] END} END AS st,
      CASE WHEN i % 4 = 0 THEN MAP {} ELSE MAP {'k' || i: {'v': i}, 'z': NULL} END AS m
    FROM range(0, 3000) r(i)`;
  await conn.run(`CREATE TABLE src AS ${select}`);
  for (const c of ['zstd', 'snappy', 'uncompressed', 'gzip']) {
    await conn.run(`COPY src TO '${dir}/duck_${c}.parquet' (FORMAT parquet, COMPRESSION ${c}, ROW_GROUP_SIZE 1000)`);
  }
  const rows = await rowsOf(conn, 'SELECT * FROM src ORDER BY id');
  fs.writeFileSync(`${dir}/duck.expected.jsonl`, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
} else {
  console.error('unknown command ' + cmd);
  process.exit(2);
}
