-- What each streaming query of a run read and wrote, from its progress reports (the JSON lines
-- `sluice run --progress FILE` appends: Spark's StreamingQueryProgress, one per batch).
--
-- Variables: progress  the progress file, e.g. build/demo/progress.jsonl

CREATE TABLE progress (name STRING, batchId BIGINT, numInputRows BIGINT,
  sources ARRAY<STRUCT<description: STRING, numInputRows: BIGINT>>,
  sink STRUCT<description: STRING, numOutputRows: BIGINT>)
USING json OPTIONS (path '${progress}');

SELECT concat(name, ' read ', sum(numInputRows), ' rows from ', first(sources[0].description),
              ' in ', count(*), ' batch(es) and wrote ', sum(sink.numOutputRows), ' rows to ',
              first(sink.description)) AS streaming_query_summary
FROM progress
GROUP BY name
ORDER BY name;
