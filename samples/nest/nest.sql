-- The Nest camera pipeline of "Processing Data in Apache Kafka with Structured Streaming in
-- Apache Spark 2.2" (Databricks), in sluice's dialect.
--
-- Variables (pass with --define NAME=VALUE):
--   bootstrap    Kafka bootstrap servers, e.g. 127.0.0.1:9092
--   checkpoints  directory for the streaming queries' checkpoints
--   archive      directory of the Parquet archive of raw camera records
--   threshold    minimum hourly sightings for the report (the article uses 1000)
--   trigger      the streaming queries' trigger: availableNow (process what is there, then
--                return: the demo) or an interval such as '10 seconds' (run until Ctrl-C)

-- Sources and sinks ---------------------------------------------------------------------

CREATE TABLE nest_logs USING kafka OPTIONS (
  'kafka.bootstrap.servers' '${bootstrap}',
  subscribe 'nest-logs',
  startingOffsets 'earliest'
);

-- A compacted topic: the streaming query writes it, the batch report reads it.
CREATE TABLE nest_camera_stats USING kafka OPTIONS (
  'kafka.bootstrap.servers' '${bootstrap}',
  topic 'nest-camera-stats',
  subscribe 'nest-camera-stats'
);

-- The static mapping from device to zip code.
CREATE TABLE device_locations (device_id STRING, zip_code STRING) USING csv OPTIONS (
  path 'device_locations.csv',
  header 'true'
);

CREATE TABLE offline_alerts USING console OPTIONS (numRows '50', truncate 'false');

CREATE TABLE camera_archive USING parquet OPTIONS (path '${archive}');

-- Parse the raw JSON ----------------------------------------------------------------------

CREATE TEMPORARY VIEW parsed AS
SELECT from_json(
         CAST(value AS STRING),
         'metadata STRUCT<access_token: STRING, client_version: INT>,
          devices STRUCT<
            thermostats: MAP<STRING, STRUCT<device_id: STRING, locale: STRING,
              software_version: STRING, structure_id: STRING, where_name: STRING,
              last_connection: TIMESTAMP, is_online: BOOLEAN, can_cool: BOOLEAN,
              can_heat: BOOLEAN, hvac_mode: STRING, target_temperature_c: DOUBLE,
              ambient_temperature_c: DOUBLE, humidity: BIGINT>>,
            smoke_co_alarms: MAP<STRING, STRUCT<device_id: STRING, locale: STRING,
              software_version: STRING, structure_id: STRING, where_name: STRING,
              last_connection: TIMESTAMP, is_online: BOOLEAN, battery_health: STRING,
              co_alarm_state: STRING, smoke_alarm_state: STRING, ui_color_state: STRING>>,
            cameras: MAP<STRING, STRUCT<device_id: STRING, software_version: STRING,
              structure_id: STRING, where_id: STRING, where_name: STRING, name: STRING,
              name_long: STRING, is_online: BOOLEAN, is_streaming: BOOLEAN,
              is_audio_input_enable: BOOLEAN, last_is_online_change: TIMESTAMP,
              is_video_history_enabled: BOOLEAN, web_url: STRING, app_url: STRING,
              is_public_share_enabled: BOOLEAN,
              activity_zones: ARRAY<STRUCT<name: STRING, id: STRING>>,
              public_share_url: STRING, snapshot_url: STRING,
              last_event: STRUCT<has_sound: BOOLEAN, has_motion: BOOLEAN, has_person: BOOLEAN,
                start_time: TIMESTAMP, end_time: TIMESTAMP, urls_expire_time: TIMESTAMP,
                web_url: STRING, app_url: STRING, image_url: STRING,
                animated_image_url: STRING, activity_zone_ids: ARRAY<STRING>>>>>,
          structures MAP<STRING, STRUCT<structure_id: STRING, name: STRING,
            country_code: STRING, time_zone: STRING, away: STRING>>',
         map('timestampFormat', "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")) AS parsed_value
FROM STREAM nest_logs;

-- One row per camera: explode the cameras map, then unnest its value struct.
CREATE TEMPORARY VIEW camera AS
SELECT value.*
FROM (SELECT explode(parsed_value.devices.cameras) FROM parsed);

CREATE TEMPORARY VIEW sightings AS
SELECT *
FROM (SELECT device_id, last_event.has_person, last_event.start_time FROM camera)
WHERE has_person = true;

-- Hourly sightings per zip code, written back to Kafka -----------------------------------

CREATE STREAMING QUERY camera_stats
OPTIONS (checkpointLocation '${checkpoints}/camera_stats', outputMode 'complete',
         trigger '${trigger}')
AS INSERT INTO nest_camera_stats
SELECT to_json(struct(zip_code, window)) AS key,
       CAST(count(*) AS STRING) AS value
FROM sightings JOIN device_locations USING (device_id)
GROUP BY zip_code, window(start_time, '1 hour');

-- Cameras that are offline, for the operations center -------------------------------------

CREATE STREAMING QUERY offline_cameras
OPTIONS (checkpointLocation '${checkpoints}/offline_cameras', outputMode 'append',
         trigger '${trigger}')
AS INSERT INTO offline_alerts
SELECT device_id, name, where_name, last_is_online_change
FROM camera
WHERE NOT is_online;

-- The raw camera archive in Parquet ------------------------------------------------------

-- Every camera record, appended as Parquet files under ${archive}. Exactly once for every
-- reader: files appear (atomic rename) only after their batch is committed in
-- ${archive}/_spark_metadata, the log Spark's readers use.
CREATE STREAMING QUERY camera_archiver
OPTIONS (checkpointLocation '${checkpoints}/camera_archive', outputMode 'append',
         trigger '${trigger}')
AS INSERT INTO camera_archive
SELECT * FROM camera;

-- Report: the stats read back from nest-camera-stats (latest count = largest, complete mode)
SELECT * FROM (
  SELECT get_json_object(k, '$.zip_code') AS zip_code,
         CAST(get_json_object(k, '$.window.start') AS TIMESTAMP) AS window_start,
         CAST(get_json_object(k, '$.window.end') AS TIMESTAMP) AS window_end,
         max(CAST(v AS INT)) AS sightings
  FROM (SELECT CAST(key AS STRING) AS k, CAST(value AS STRING) AS v FROM nest_camera_stats)
  GROUP BY k)
WHERE sightings > ${threshold}
ORDER BY zip_code, window_start;
