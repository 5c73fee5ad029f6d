-- The Nest camera_stats query of samples/nest/nest.sql alone (hourly sightings per zip code,
-- complete mode, to a Kafka topic) as a streaming availableNow run, for bench/scaling.sh.
CREATE TABLE nest_logs USING kafka OPTIONS (
  'kafka.bootstrap.servers' '${bootstrap}', subscribe '${topic}', startingOffsets 'earliest');
CREATE TABLE nest_camera_stats USING kafka OPTIONS (
  'kafka.bootstrap.servers' '${bootstrap}', topic '${out}');
CREATE TABLE device_locations (device_id STRING, zip_code STRING) USING csv OPTIONS (
  path '${locations}', header 'true');
CREATE TEMPORARY VIEW parsed AS
SELECT from_json(CAST(value AS STRING),
         'devices STRUCT<cameras: MAP<STRING, STRUCT<device_id: STRING,
            last_event: STRUCT<has_person: BOOLEAN, start_time: TIMESTAMP>>>>',
         map('timestampFormat', "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")) AS parsed_value
FROM STREAM nest_logs;
CREATE TEMPORARY VIEW camera AS
SELECT value.* FROM (SELECT explode(parsed_value.devices.cameras) FROM parsed);
CREATE TEMPORARY VIEW sightings AS
SELECT * FROM (SELECT device_id, last_event.has_person, last_event.start_time FROM camera)
WHERE has_person = true;
CREATE STREAMING QUERY camera_stats
OPTIONS (checkpointLocation '${checkpoint}', outputMode 'complete', trigger 'availableNow')
AS INSERT INTO nest_camera_stats
SELECT to_json(struct(zip_code, window)) AS key, CAST(count(*) AS STRING) AS value
FROM sightings JOIN device_locations USING (device_id)
GROUP BY zip_code, window(start_time, '1 hour');
