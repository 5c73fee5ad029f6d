-- After nest.sql: what its queries left behind, read back while the broker still runs.
-- Variables: bootstrap, archive (as for nest.sql)

CREATE TABLE nest_camera_stats USING kafka OPTIONS (
  'kafka.bootstrap.servers' '${bootstrap}', subscribe 'nest-camera-stats');
CREATE TABLE camera_archive USING parquet OPTIONS (path '${archive}');

-- Every record camera_stats wrote (complete mode rewrites each window every batch).
SELECT count(*) AS stats_records_in_topic,
       count(DISTINCT CAST(key AS STRING)) AS zip_code_hours
FROM nest_camera_stats;

-- The Parquet archive: how many camera records it holds.
SELECT count(*) AS archived_camera_records,
       count(DISTINCT device_id) AS cameras,
       date_format(min(last_event.start_time), 'yyyy-MM-dd HH:mm:ss') AS first_event,
       date_format(max(last_event.start_time), 'yyyy-MM-dd HH:mm:ss') AS last_event
FROM camera_archive;
