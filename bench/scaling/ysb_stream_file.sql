-- YSB as a streaming query over NDJSON files (Spark's file source, `FROM STREAM` of a json
-- table; trigger availableNow, update mode), counts to Kafka topic ${out} as in
-- bench/ysb_e2e/stream_topic.sql. For bench/scaling.sh: no broker on the input side, so the
-- run is bound by sluice's own CPU.
CREATE TABLE events (user_id STRING, page_id STRING, ad_id STRING, ad_type STRING,
                     event_type STRING, event_time BIGINT, ip_address STRING)
USING json OPTIONS (path '${data}/stream');
CREATE TABLE campaigns (ad_id STRING, campaign_id STRING) USING csv OPTIONS (
  path '${data}/campaigns.csv', header 'true');
CREATE TABLE counts USING kafka OPTIONS (
  'kafka.bootstrap.servers' '${bootstrap}', topic '${out}');
CREATE STREAMING QUERY ysb
OPTIONS (checkpointLocation '${checkpoint}', outputMode 'update', trigger 'availableNow')
AS INSERT INTO counts
SELECT concat(campaign_id, ',', CAST(unix_seconds(w.start) AS STRING)) AS key,
       CAST(n AS STRING) AS value
FROM (
  SELECT c.campaign_id, window(CAST(e.event_time DIV 1000 AS TIMESTAMP), '10 seconds') AS w,
         count(*) AS n
  FROM STREAM events e JOIN campaigns c ON e.ad_id = c.ad_id
  WHERE e.event_type = 'view'
  GROUP BY c.campaign_id, window(CAST(e.event_time DIV 1000 AS TIMESTAMP), '10 seconds'));
