-- The Nest pipeline's hourly sightings per zip code, with the device locations read from a
-- database instead of device_locations.csv: the article's "join with information stored in
-- other systems including ... MySQL". The table is a jdbc table (PostgreSQL or MySQL /
-- MariaDB); the streaming query re-reads it every micro-batch (Spark's behaviour), so a
-- camera that moves is counted in its new zip code from the next batch on. Set
-- refreshInterval (e.g. '5 minutes') to read it at most that often instead.
--
-- Variables (pass with --define NAME=VALUE):
--   bootstrap    Kafka bootstrap servers, e.g. 127.0.0.1:9092
--   checkpoints  directory for the streaming query's checkpoint
--   db_url       the database, e.g. jdbc:postgresql://127.0.0.1:5432/nest or
--                jdbc:mysql://127.0.0.1:3306/nest
--   db_user, db_password   its credentials (never shown in plans, progress or errors)
--   trigger      availableNow, or an interval such as '10 seconds'
--   threshold    minimum hourly sightings for the report
-- The database holds device_locations(device_id, zip_code), e.g. loaded from the CSV with
--   psql -c "\copy device_locations FROM 'samples/nest/device_locations.csv' CSV HEADER"

CREATE TABLE nest_logs USING kafka OPTIONS (
  'kafka.bootstrap.servers' '${bootstrap}',
  subscribe 'nest-logs',
  startingOffsets 'earliest'
);

CREATE TABLE nest_camera_stats USING kafka OPTIONS (
  'kafka.bootstrap.servers' '${bootstrap}',
  topic 'nest-camera-stats',
  subscribe 'nest-camera-stats'
);

-- The static mapping from device to zip code, from the database.
CREATE TABLE device_locations USING jdbc OPTIONS (
  url '${db_url}',
  dbtable 'device_locations',
  user '${db_user}',
  password '${db_password}',
  fetchsize '1000'
);

-- Only the fields this query reads (nest.sql parses the whole record).
CREATE TEMPORARY VIEW sightings AS
SELECT camera.device_id, camera.last_event.start_time
FROM (SELECT explode(from_json(
               CAST(value AS STRING),
               'devices STRUCT<cameras: MAP<STRING, STRUCT<device_id: STRING,
                  last_event: STRUCT<has_person: BOOLEAN, start_time: TIMESTAMP>>>>',
               map('timestampFormat', "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")).devices.cameras)
               AS (id, camera)
      FROM STREAM nest_logs)
WHERE camera.last_event.has_person = true;

CREATE STREAMING QUERY camera_stats_jdbc
OPTIONS (checkpointLocation '${checkpoints}/camera_stats_jdbc', outputMode 'complete',
         trigger '${trigger}')
AS INSERT INTO nest_camera_stats
SELECT to_json(struct(zip_code, window)) AS key,
       CAST(count(*) AS STRING) AS value
FROM sightings JOIN device_locations USING (device_id)
GROUP BY zip_code, window(start_time, '1 hour');

-- The report, as in nest.sql.
SELECT DISTINCT zip_code, window
FROM (SELECT json_tuple(CAST(key AS STRING), 'zip_code', 'window') AS (zip_code, window),
             CAST(CAST(value AS STRING) AS INT) AS count
      FROM nest_camera_stats)
WHERE count > ${threshold}
ORDER BY zip_code, window;
