-- YSB over the Kafka topic, as a batch query (earliest..latest): keep view events, join
-- ad_id -> campaign_id, count per campaign per 10-second tumbling window of event_time.
CREATE TABLE events USING kafka OPTIONS (
  'kafka.bootstrap.servers' '${bootstrap}', subscribe '${topic}');
CREATE TABLE campaigns (ad_id STRING, campaign_id STRING) USING csv OPTIONS (
  path '${data}/campaigns.csv', header 'true');
SELECT campaign_id, unix_seconds(w.start) AS window_start, n FROM (
  SELECT c.campaign_id, window(CAST(e.j.event_time DIV 1000 AS TIMESTAMP), '10 seconds') AS w,
         count(*) AS n
  FROM (SELECT from_json(CAST(value AS STRING),
                         'ad_id STRING, event_type STRING, event_time BIGINT') AS j
        FROM events) e
  JOIN campaigns c ON e.j.ad_id = c.ad_id
  WHERE e.j.event_type = 'view'
  GROUP BY c.campaign_id, window(CAST(e.j.event_time DIV 1000 AS TIMESTAMP), '10 seconds'));
