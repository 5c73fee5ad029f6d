-- YSB over the NDJSON file (USING json, the schema declared: no inference pass).
CREATE TABLE events (user_id STRING, page_id STRING, ad_id STRING, ad_type STRING,
                     event_type STRING, event_time BIGINT, ip_address STRING)
USING json OPTIONS (path '${data}/events.json');
CREATE TABLE campaigns (ad_id STRING, campaign_id STRING) USING csv OPTIONS (
  path '${data}/campaigns.csv', header 'true');
SELECT campaign_id, unix_seconds(w.start) AS window_start, n FROM (
  SELECT c.campaign_id, window(CAST(e.event_time DIV 1000 AS TIMESTAMP), '10 seconds') AS w,
         count(*) AS n
  FROM events e JOIN campaigns c ON e.ad_id = c.ad_id
  WHERE e.event_type = 'view'
  GROUP BY c.campaign_id, window(CAST(e.event_time DIV 1000 AS TIMESTAMP), '10 seconds'));
