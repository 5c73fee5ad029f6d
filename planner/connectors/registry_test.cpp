#include <gtest/gtest.h>

#include "frontend/error.h"
#include "planner/connectors/connector.h"

namespace sluice {
namespace {

std::string refusal(const char* format, ConnectorUse use, OutputMode mode = OutputMode::Append) {
  try {
    checkConnectorUse(*findConnector(format), use, "t", nullptr, {}, mode);
  } catch (const AnalysisError& e) {
    return e.message();
  }
  return "";
}

TEST(ConnectorRegistry, EveryFormatHasOneRow) {
  const auto names = connectorNames();
  for (const char* f : {"kafka", "console", "memory", "csv", "json", "parquet", "text", "noop"})
    EXPECT_NE(std::find(names.begin(), names.end(), f), names.end()) << f;
  EXPECT_EQ(findConnector("KAFKA"), findConnector("kafka"));
  EXPECT_EQ(findConnector("avro"), nullptr);
}

TEST(ConnectorRegistry, UsesAFormatCannotDoAreRefusedNamingWhatItCan) {
  EXPECT_EQ(refusal("kafka", ConnectorUse::StreamRead), "");
  EXPECT_EQ(refusal("console", ConnectorUse::StreamWrite, OutputMode::Complete), "");
  EXPECT_EQ(refusal("console", ConnectorUse::BatchRead),
            "table 't' uses format 'console', which does not support batch reads (console "
            "supports INSERT INTO, streaming writes)");
  EXPECT_EQ(refusal("csv", ConnectorUse::StreamWrite), "");
  EXPECT_EQ(refusal("parquet", ConnectorUse::BatchWrite), "");
  EXPECT_EQ(refusal("csv", ConnectorUse::StreamRead), "");
  EXPECT_NE(refusal("text", ConnectorUse::BatchWrite).find("can be declared but not read"),
            std::string::npos);
}

TEST(ConnectorRegistry, SinkModesAreChecked) {
  ConnectorInfo appendOnly = *findConnector("noop");
  appendOnly.sinkModes = {OutputMode::Append};
  try {
    checkConnectorUse(appendOnly, ConnectorUse::StreamWrite, "t", nullptr, {},
                      OutputMode::Complete);
    FAIL();
  } catch (const AnalysisError& e) {
    EXPECT_EQ(e.message(),
              "the noop sink of table 't' supports output mode 'append', not 'complete'");
  }
}

TEST(ConnectorRegistry, UnknownOptionsGetSuggestions) {
  try {
    checkConnectorOptions(*findConnector("kafka"), {"kafka.acks", "subcribe"}, {}, nullptr);
    FAIL();
  } catch (const AnalysisError& e) {
    EXPECT_NE(e.message().find("unknown kafka option 'subcribe' (did you mean 'subscribe'?)"),
              std::string::npos)
        << e.message();
  }
  EXPECT_NO_THROW(checkConnectorOptions(*findConnector("csv"), {"anything"}, {}, nullptr));
}

}  // namespace
}  // namespace sluice
