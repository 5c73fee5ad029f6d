#include "planner/sources/jdbc/jdbc_options.h"

#include <gtest/gtest.h>

#include "frontend/error.h"

namespace sluice {
namespace {

JdbcUrl url(const std::string& text) {
  JdbcUrl u;
  std::string why;
  EXPECT_TRUE(parseJdbcUrl(text, &u, &why)) << text << ": " << why;
  return u;
}

std::string urlError(const std::string& text) {
  JdbcUrl u;
  std::string why;
  EXPECT_FALSE(parseJdbcUrl(text, &u, &why)) << text;
  return why;
}

std::string optionError(const std::map<std::string, std::string>& options) {
  try {
    parseJdbcOptions(options);
  } catch (const AnalysisError& e) {
    return e.message();
  }
  ADD_FAILURE() << "accepted";
  return "";
}

TEST(JdbcUrl, SparkAndPlainForms) {
  JdbcUrl a = url("jdbc:postgresql://db.example:6543/sales?user=u&password=p%40ss&sslmode=disable");
  EXPECT_EQ(a.dialect, JdbcDialect::Postgres);
  EXPECT_EQ(a.host, "db.example");
  EXPECT_EQ(a.port, 6543);
  EXPECT_EQ(a.database, "sales");
  EXPECT_EQ(a.user, "u");
  EXPECT_EQ(a.password, "p@ss");
  ASSERT_EQ(a.params.size(), 1u);
  EXPECT_EQ(a.params[0].first, "sslmode");
  EXPECT_EQ(a.redacted(), "postgresql://db.example:6543/sales");

  JdbcUrl b = url("mysql://root:se%3Acret@127.0.0.1/shop");
  EXPECT_EQ(b.dialect, JdbcDialect::MySql);
  EXPECT_EQ(b.port, 3306);
  EXPECT_EQ(b.user, "root");
  EXPECT_EQ(b.password, "se:cret");
  EXPECT_EQ(b.where(), "127.0.0.1:3306/shop");

  JdbcUrl c = url("jdbc:mariadb://[::1]:3307");
  EXPECT_EQ(c.host, "::1");
  EXPECT_EQ(c.port, 3307);
  EXPECT_EQ(c.where(), "[::1]:3307");
  EXPECT_EQ(url("postgres://h").port, 5432);
}

TEST(JdbcUrl, ErrorsNeverQuoteThePassword) {
  EXPECT_NE(urlError("jdbc:oracle:thin:@h:1521").find("postgresql://"), std::string::npos);
  EXPECT_NE(urlError("postgresql://u:pw@h:99999/db").find("99999"), std::string::npos);
  EXPECT_EQ(urlError("postgresql://u:pw@h:99999/db").find("pw"), std::string::npos);
  EXPECT_NE(urlError("mysql://h/db?useSSL=true").find("useSSL"), std::string::npos);
  EXPECT_NE(urlError("postgresql://u:p%zz@h/db").find("%-escape"), std::string::npos);
}

TEST(JdbcOptions, SparkDefaultsAndChecks) {
  JdbcOptions o = parseJdbcOptions({{"url", "jdbc:postgresql://h/db"}, {"dbtable", "t"}});
  EXPECT_EQ(o.fetchSize, 0);
  EXPECT_TRUE(o.pushDownPredicate);
  EXPECT_EQ(o.refreshIntervalMs, 0);
  EXPECT_EQ(o.relation(), "t");
  JdbcOptions q = parseJdbcOptions({{"url", "mysql://h/db"},
                                    {"query", "select 1"},
                                    {"refreshinterval", "5 minutes"},
                                    {"fetchsize", "100"},
                                    {"user", "x"}});
  EXPECT_EQ(q.relation(), "(select 1) SPARK_GEN_SUBQ_0");
  EXPECT_EQ(q.refreshIntervalMs, 300000);
  EXPECT_EQ(q.fetchSize, 100);
  EXPECT_EQ(q.effectiveUser(), "x");
  for (const char* zero : {"0", "0 seconds"})
    EXPECT_EQ(
        parseJdbcOptions({{"url", "postgresql://h"}, {"dbtable", "t"}, {"refreshInterval", zero}})
            .refreshIntervalMs,
        0)
        << zero;

  EXPECT_NE(optionError({{"dbtable", "t"}}).find("option url: required"), std::string::npos);
  EXPECT_NE(optionError({{"url", "postgresql://h"}, {"dbtable", "t"}, {"query", "q"}})
                .find("cannot be specified at the same time"),
            std::string::npos);
  EXPECT_NE(optionError({{"url", "postgresql://h"}}).find("'dbtable' or 'query' is required"),
            std::string::npos);
  EXPECT_NE(optionError({{"url", "postgresql://h"}, {"dbtable", "t"}, {"fetchsize", "-1"}})
                .find("fetchsize"),
            std::string::npos);
  EXPECT_NE(optionError({{"url", "postgresql://h"}, {"dbtable", "t"}, {"numpartitions", "4"}})
                .find("numPartitions"),
            std::string::npos);
  EXPECT_NE(optionError({{"url", "postgresql://h"}, {"dbtable", "t"}, {"truncate", "true"}})
                .find("write option"),
            std::string::npos);
  EXPECT_NE(optionError({{"url", "postgresql://h"}, {"dbtable", "t"}, {"refreshinterval", "often"}})
                .find("refreshInterval"),
            std::string::npos);
  EXPECT_NE(optionError({{"url", "postgresql://h"}, {"dbtable", "t"}, {"prepareQuery", "x"}})
                .find("only applies together with 'query'"),
            std::string::npos);
}

TEST(JdbcOptions, RedactionHidesSecrets) {
  EXPECT_EQ(redactOption("password", "pw"), "*********(redacted)");
  EXPECT_EQ(redactOption("url", "postgresql://u:pw@h/db"), "*********(redacted)");
  EXPECT_EQ(redactOption("kafka.sasl.jaas.config.secret", "x"), "*********(redacted)");
  EXPECT_EQ(redactOption("dbtable", "t"), "t");

  auto secrets = secretOptionValues({{"url", "jdbc:postgresql://u:raw%21pw@h/db?password=other"},
                                     {"password", "third"},
                                     {"dbtable", "t"}});
  for (const char* s : {"raw!pw", "raw%21pw", "other", "third"})
    EXPECT_NE(std::find(secrets.begin(), secrets.end(), s), secrets.end()) << s;
  EXPECT_EQ(std::find(secrets.begin(), secrets.end(), "t"), secrets.end());

  auto file = std::make_shared<SourceFile>();
  file->name = "q.sql";
  file->text = "CREATE TABLE x USING jdbc OPTIONS (password 'third', dbtable 't')";
  SourceFilePtr shown = redactSecretsInSource(file, secrets);
  EXPECT_EQ(shown->text, "CREATE TABLE x USING jdbc OPTIONS (password '*****', dbtable 't')");
  EXPECT_EQ(shown->text.size(), file->text.size());
  EXPECT_EQ(redactSecretsInSource(file, {}), file);
}

}  // namespace
}  // namespace sluice
