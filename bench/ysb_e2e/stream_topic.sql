-- YSB over the Kafka topic as a streaming query (trigger availableNow, update mode): the
-- counts go to topic ${out} keyed `campaign_id,window_start`; the last value of each key is
-- the final count.
CREATE TABLE events USING kafka OPTIONS (
  'kafka.bootstrap.servers' '${bootstrap}', subscribe '${topic}', startingOffsets 'earliest');
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
  SELECT c.campaign_id, window(CAST(e.j.event_time DIV 1000 AS TIMESTAMP), '10 seconds') AS w,
         count(*) AS n
  FROM (SELECT from_json(CAST(value AS STRING),
                         'ad_id STRING, event_type STRING, event_time BIGINT') AS j
        FROM STREAM events) e
  JOIN campaigns c ON e.j.ad_id = c.ad_id
  WHERE e.j.event_type = 'view'
  GROUP BY c.campaign_id, window(CAST(e.j.event_time DIV 1000 AS TIMESTAMP), '10 seconds'));
