// Whatever the input, the frontend either parses it or throws ParseError: no crash, hang,
// unbounded recursion or other exception. Inputs: every prefix of a realistic script,
// thousands of seeded random token edits of it, random bytes, pathological nesting, and the
// sample query files.
#include <gtest/gtest.h>
#include <pthread.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>

#include "frontend/lexer.h"
#include "frontend/parser_test_util.h"

namespace sluice {
namespace {

using testing::src;

// The Nest camera pipeline of the Spark + Kafka article, plus the other constructs a script
// may hold.
const char* const kNestScript = R"sql(
-- Nest camera sightings, after "Processing Data in Apache Kafka with Structured Streaming".
SET sluice.codegen.optLevel = 2;
SET spark.sql.shuffle.partitions = '4';

CREATE TABLE IF NOT EXISTS nest_logs
USING kafka
OPTIONS ('kafka.bootstrap.servers' '127.0.0.1:9092', subscribe 'nest-logs',
         startingOffsets = 'earliest', failOnDataLoss false, maxOffsetsPerTrigger 10000);

CREATE TABLE nest_camera_stats USING kafka
OPTIONS (kafka.bootstrap.servers '127.0.0.1:9092', topic 'nest-camera-stats');

CREATE OR REPLACE TABLE device_locations (
  device_id STRING NOT NULL COMMENT 'camera id',
  zip_code STRING
) USING parquet OPTIONS (path 'data/device_locations') PARTITIONED BY (zip_code);

/* Parse the raw JSON: the schema is a Spark DDL string, the timestamp format keeps its
   quoted literals by doubling the quotes. */
CREATE OR REPLACE TEMPORARY VIEW parsed AS
SELECT from_json(CAST(value AS STRING),
         'metadata STRUCT<access_token: STRING, client_version: INT>, devices STRUCT<cameras: MAP<STRING, STRUCT<device_id: STRING, last_event: STRUCT<has_person: BOOLEAN, start_time: TIMESTAMP>>>>',
         map('timestampFormat', "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")) AS parsed_value,
       topic, partition, offset, timestamp
FROM STREAM nest_logs;

CREATE VIEW camera AS
SELECT value.* FROM (SELECT explode(parsed_value.devices.cameras) FROM parsed);

CREATE VIEW sightings AS
SELECT device_id, last_event.has_person AS has_person, last_event.start_time AS start_time
FROM camera WATERMARK last_event.start_time DELAY OF INTERVAL 10 MINUTES AS c
WHERE last_event.has_person = true AND device_id IS NOT NULL;

CREATE STREAMING QUERY camera_stats
OPTIONS (checkpointLocation 'checkpoints/camera_stats', outputMode 'complete', trigger '10 seconds')
AS INSERT INTO nest_camera_stats
SELECT to_json(struct(zip_code, window)) AS key, CAST(count(*) AS STRING) AS value
FROM sightings JOIN device_locations USING (device_id)
GROUP BY zip_code, window(start_time, '1 hour');

CREATE STREAMING QUERY raw_copy AS INSERT INTO archive
SELECT d.key, d.value, d.timestamp + INTERVAL 1 HOUR 30 MINUTES AS shifted
FROM STREAM read_kafka(bootstrapServers => '127.0.0.1:9092', subscribe => 'nest-logs') d
LATERAL VIEW OUTER explode(array(1, 2, 3)) e AS n
WHERE n BETWEEN 1 AND 2 OR d.key IN (X'00', X'FF') OR d.topic RLIKE '^nest';

-- Batch report over the compacted stats topic.
SELECT DISTINCT zip_code, window
FROM (
  SELECT json_tuple(CAST(key AS STRING), 'zip_code', 'window') AS (zip_code, window),
         CAST(CAST(value AS STRING) AS INTEGER) AS count
  FROM nest_camera_stats
) report
WHERE count > 1000
ORDER BY zip_code DESC NULLS LAST, window
LIMIT 100;

WITH hourly (zip, n) AS (
  SELECT zip_code, count(DISTINCT device_id) FROM sightings s LEFT OUTER JOIN device_locations l
    ON s.device_id = l.device_id GROUP BY ALL HAVING count(*) > 1
)
SELECT zip, n, CASE WHEN n > 10 THEN 'busy' WHEN n > 1 THEN 'some' ELSE 'quiet' END AS level,
       -n::bigint * 2 % 7 DIV 3, a[0].b, m['k'], ~n & 1 | 2 ^ 3, 1.5D + 1e3 + .5 + 10L
FROM hourly
UNION ALL
VALUES ('00000', 0, 'none', 0, NULL, NULL, 0, 0)
EXCEPT SELECT * FROM (VALUES (1, 2)) AS t(a, b);

EXPLAIN EXTENDED SELECT * FROM STREAM(nest_logs) WATERMARK timestamp DELAY OF INTERVAL '5' MINUTE;
DROP VIEW IF EXISTS camera;
INSERT OVERWRITE TABLE report_copy SELECT * FROM device_locations;
SET;
)sql";

// Parses `text` and prints whatever parsed. Returns true on success; a ParseError must point
// inside the text. Any other exception escapes and fails the test.
bool parsesOrFailsCleanly(const std::string& text) {
  try {
    const auto script = parseScript(src(text));
    for (const auto& s : script.statements) {
      EXPECT_FALSE(dump(*s).empty());
      EXPECT_LE(s->span.end, text.size());
    }
    return true;
  } catch (const ParseError& e) {
    EXPECT_TRUE(e.span().known) << e.message();
    EXPECT_LE(e.span().begin, e.span().end);
    EXPECT_LE(e.span().end, text.size()) << e.message();
    EXPECT_FALSE(e.render().empty());
    return false;
  }
}

TEST(Robustness, TheScriptParses) {
  const auto script = parseScript(src(kNestScript));
  EXPECT_EQ(script.statements.size(), 16u);
}

TEST(Robustness, EveryPrefixOfTheScript) {
  const std::string text = kNestScript;
  int ok = 0;
  for (size_t n = 0; n <= text.size(); ++n) ok += parsesOrFailsCleanly(text.substr(0, n));
  EXPECT_GT(ok, 17);  // at least the prefixes ending after each statement
}

// The script as pieces: each token with the whitespace and comments before it, so edits keep
// the original layout (SET values are raw text and depend on it).
std::vector<std::string> scriptPieces() {
  const auto file = src(kNestScript);
  std::vector<std::string> out;
  uint32_t prevEnd = 0;
  for (const auto& t : tokenize(file)) {
    out.push_back(file->text.substr(prevEnd, t.span.end - prevEnd));
    prevEnd = t.span.end;
  }
  out.push_back(file->text.substr(prevEnd));
  return out;
}

TEST(Robustness, RandomTokenEdits) {
  const std::vector<std::string> original = scriptPieces();
  ASSERT_GT(original.size(), 300u);
  const std::vector<std::string> extra = {
      "(",        ")",    ",",      ";",      ".",      "*",         "SELECT",  "FROM",
      "WHERE",    "JOIN", "ON",     "AS",     "STREAM", "WATERMARK", "DELAY",   "OF",
      "INTERVAL", "CASE", "WHEN",   "END",    "NOT",    "NULL",      "'x'",     "1",
      "<",        ">",    "=>",     "::",     "[",      "]",         "LATERAL", "VIEW",
      "UNION",    "WITH", "VALUES", "CREATE", "TABLE",  "OPTIONS",   "SET",     "EXPLAIN",
      "INSERT",   "INTO", "struct", "array",  "map",    "-"};
  std::mt19937 rng(20240611);
  int parsed = 0;
  constexpr int kIterations = 3000;
  for (int iter = 0; iter < kIterations; ++iter) {
    std::vector<std::string> toks = original;
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits && !toks.empty(); ++e) {
      const size_t i = rng() % toks.size();
      switch (rng() % 4) {
        case 0:
          toks.erase(toks.begin() + static_cast<long>(i));
          break;
        case 1:
          toks.insert(toks.begin() + static_cast<long>(i), toks[i]);
          break;
        case 2:
          std::swap(toks[i], toks[rng() % toks.size()]);
          break;
        default:
          toks.insert(toks.begin() + static_cast<long>(i), " " + extra[rng() % extra.size()]);
      }
    }
    std::string text;
    for (const auto& t : toks) text += t;
    parsed += parsesOrFailsCleanly(text);
  }
  // Some edits are harmless (e.g. a duplicated ';'), most are not.
  EXPECT_GT(parsed, 0);
  EXPECT_LT(parsed, kIterations);
}

TEST(Robustness, RandomBytes) {
  std::mt19937 rng(7);
  const std::string sqlish = "()[]<>=!|&^~+-*/%:;.,'\"`$ \n\t\\{}aAxX0159eELDS_";
  for (int iter = 0; iter < 2000; ++iter) {
    std::string text;
    const size_t len = rng() % 120;
    for (size_t i = 0; i < len; ++i) {
      text += (rng() % 4 == 0) ? static_cast<char>(rng() % 256) : sqlish[rng() % sqlish.size()];
    }
    parsesOrFailsCleanly(text);
    try {
      parseExpression(src(text));
    } catch (const ParseError&) {
    }
    try {
      parseSchema(src(text));
    } catch (const ParseError&) {
    }
    try {
      substituteVariables(text, {{"a", "1"}}, "r.sql");
    } catch (const ParseError&) {
    }
  }
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

std::string nestedTooDeeply(const std::string& text) {
  try {
    parseScript(src(text));
  } catch (const ParseError& e) {
    return e.message();
  }
  return "parsed";
}

TEST(Robustness, PathologicalNestingIsAnError) {
  const int n = 100000;
  const std::string deep = "query is nested too deeply";
  EXPECT_EQ(nestedTooDeeply("SELECT " + repeat("(", n) + "1" + repeat(")", n)), deep);
  EXPECT_EQ(nestedTooDeeply("SELECT " + repeat("- ", n) + "1"), deep);
  EXPECT_EQ(nestedTooDeeply("SELECT " + repeat("NOT ", n) + "1"), deep);
  EXPECT_EQ(nestedTooDeeply("SELECT " + repeat("f(", n) + repeat(")", n)), deep);
  EXPECT_EQ(nestedTooDeeply("SELECT " + repeat("CASE WHEN ", n)), deep);
  EXPECT_EQ(
      nestedTooDeeply("SELECT CAST(x AS " + repeat("array<", n) + "int" + repeat(">", n) + ")"),
      deep);
  EXPECT_EQ(nestedTooDeeply(repeat("SELECT * FROM (", n) + "SELECT 1" + repeat(")", n)), deep);
  EXPECT_EQ(nestedTooDeeply(repeat("(", n) + "SELECT 1" + repeat(")", n)), deep);
  EXPECT_EQ(nestedTooDeeply(repeat("EXPLAIN ", n) + "SELECT 1"), deep);
  EXPECT_EQ(nestedTooDeeply("SELECT * FROM " + repeat("(", n) + "t" + repeat(")", n)), deep);
  // Long flat chains build deep trees without recursing; they are capped too.
  EXPECT_EQ(nestedTooDeeply("SELECT 1" + repeat(" + 1", n)), deep);
  EXPECT_EQ(nestedTooDeeply("SELECT a" + repeat("[0]", n)), deep);
  EXPECT_EQ(nestedTooDeeply("SELECT a" + repeat("::int", n)), deep);
  EXPECT_EQ(nestedTooDeeply("SELECT * FROM t" + repeat(" JOIN t", n)), deep);
  EXPECT_EQ(nestedTooDeeply("SELECT 1" + repeat(" UNION SELECT 1", n)), deep);
  EXPECT_EQ(nestedTooDeeply("SELECT * FROM t" + repeat(", t", n)), deep);
  EXPECT_EQ(nestedTooDeeply("SELECT * FROM t" + repeat(" LATERAL VIEW explode(a) e", n)), deep);
  // Moderate nesting and long-but-reasonable chains are fine; wide lists are unlimited.
  EXPECT_EQ(nestedTooDeeply("SELECT " + repeat("(", 100) + "1" + repeat(")", 100)), "parsed");
  EXPECT_EQ(nestedTooDeeply("SELECT 1" + repeat(" OR a", 500)), "parsed");
  EXPECT_EQ(nestedTooDeeply("SELECT 1" + repeat(" UNION ALL SELECT 1", 500)), "parsed");
  EXPECT_EQ(nestedTooDeeply("SELECT a IN (" + repeat("1, ", n) + "1)"), "parsed");
  EXPECT_EQ(nestedTooDeeply("SELECT " + repeat("a, ", n) + "a"), "parsed");
}

// Runs `fn` on a thread with a small stack (2 MiB, a quarter of the usual main-thread stack;
// the deepest accepted inputs need about 1 MiB in optimized builds): the nesting caps must
// keep the parser, the printers and tree destruction inside it.
void onSmallStack(const std::function<void()>& fn) {
#if defined(__SANITIZE_ADDRESS__)
  constexpr size_t kStack = size_t{32} << 20;  // sanitizer frames are several times larger
#else
  constexpr size_t kStack = size_t{2} << 20;
#endif
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kStack);
  pthread_t thread;
  auto run = [](void* arg) -> void* {
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&thread, &attr, run, const_cast<std::function<void()>*>(&fn)), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}

TEST(Robustness, DeepestAcceptedInputFitsASmallStack) {
  onSmallStack([] {
    for (const std::string& text : {"SELECT " + repeat("(", 250) + "1" + repeat(")", 250),
                                    "SELECT " + repeat("f(", 250) + repeat(")", 250),
                                    repeat("SELECT * FROM (", 120) + "SELECT 1" + repeat(")", 120),
                                    "SELECT 1" + repeat(" + 1", 990)}) {
      const auto script = parseScript(src(text));
      EXPECT_FALSE(dump(*script.statements.at(0)).empty());
    }
  });
}

// Replaces each `${name}` with a plain word so sample files parse without their defines.
std::string withPlaceholders(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const size_t close = text.find('}', i);
    if (text.compare(i, 2, "${") == 0 && close != std::string::npos) {
      out += "placeholder";
      i = close;
    } else {
      out += text[i];
    }
  }
  return out;
}

TEST(Robustness, SampleQueryFilesParse) {
  const std::filesystem::path samples = std::filesystem::path(SLUICE_SOURCE_DIR) / "samples";
  if (!std::filesystem::exists(samples)) GTEST_SKIP() << "no samples directory";
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(samples)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".sql") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string sql = withPlaceholders(text.str());
    ++files;
    try {
      parseScript(std::make_shared<SourceFile>(SourceFile{entry.path().string(), sql}));
    } catch (const ParseError& e) {
      ADD_FAILURE() << e.render();
    }
    // Every prefix of a real file fails cleanly too.
    for (size_t n = 0; n < sql.size(); n += 7) parsesOrFailsCleanly(sql.substr(0, n));
  }
  if (files == 0) GTEST_SKIP() << "no sample .sql files yet";
}

}  // namespace
}  // namespace sluice
