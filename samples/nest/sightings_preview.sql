-- A batch query the code generator runs today: camera sightings from a few inline Nest
-- events (the streaming pipeline in nest.sql needs the Kafka runtime, which comes next).
SELECT device_id,
       zip_code,
       start_time,
       CASE WHEN has_sound THEN 'person + sound' ELSE 'person' END AS what
FROM VALUES
  ('cam-0001', '94110', TIMESTAMP '2016-12-29 00:05:00', true,  false),
  ('cam-0002', '10001', TIMESTAMP '2016-12-29 00:17:00', false, true),
  ('cam-0003', '94105', TIMESTAMP '2016-12-29 01:42:00', true,  true),
  ('cam-0004', '60614', NULL,                            NULL,  false)
  AS events(device_id, zip_code, start_time, has_person, has_sound)
WHERE has_person
LIMIT 10;
