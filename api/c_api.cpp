// The C API (include/sluice/sluice.h) over sluice::Engine and sluice::Table. Every entry
// point catches everything: no C++ exception may cross into a C host.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <new>
#include <string>
#include <vector>

#include "runtime/table.h"
#include "sluice/engine.h"
#include "sluice/sluice.h"

struct sluice_engine {
  sluice::Engine engine;
  std::string lastError;  // of the last failed call; "" after a successful one
};

struct sluice_result {
  sluice::Table table;
  std::vector<std::string> types;  // Spark type names, computed once
  std::deque<std::string> texts;   // text forms handed out (stable addresses)
};

namespace {

sluice_status statusOf(sluice::Phase p) {
  switch (p) {
    case sluice::Phase::Parse:
      return SLUICE_PARSE_ERROR;
    case sluice::Phase::Analysis:
      return SLUICE_ANALYSIS_ERROR;
    case sluice::Phase::Plan:
      return SLUICE_PLAN_ERROR;
    case sluice::Phase::Codegen:
      return SLUICE_CODEGEN_ERROR;
    case sluice::Phase::Execution:
      return SLUICE_EXECUTION_ERROR;
  }
  return SLUICE_INTERNAL_ERROR;
}

// Runs `body` for `engine`, turning every exception into a status and a message.
template <class F>
sluice_status guarded(sluice_engine* engine, F&& body) {
  if (!engine) return SLUICE_INVALID_ARGUMENT;
  try {
    engine->lastError.clear();
    body();
    return SLUICE_OK;
  } catch (const sluice::Error& e) {
    engine->lastError = e.render();
    return statusOf(e.phase());
  } catch (const std::exception& e) {
    engine->lastError = std::string("error: ") + e.what();
  } catch (...) {
    engine->lastError = "error: unknown exception";
  }
  return SLUICE_INTERNAL_ERROR;
}

sluice_status invalid(sluice_engine* engine, const char* what) {
  if (engine) engine->lastError = std::string("error: ") + what;
  return SLUICE_INVALID_ARGUMENT;
}

bool inRange(const sluice_result* r, int64_t row, int col) {
  return r && col >= 0 && col < r->table.columns() && row >= 0 && row < r->table.rows();
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\n") - b + 1);
}

// The C parameters of one SQL type of a C function's signature (sluice_function's table).
std::vector<sluice::CType> cTypesOf(const std::string& sqlType) {
  using sluice::CType;
  const std::string t = lower(trim(sqlType));
  if (t == "boolean") return {CType::U8};
  if (t == "tinyint" || t == "byte") return {CType::I8};
  if (t == "smallint" || t == "short") return {CType::I16};
  if (t == "int" || t == "integer" || t == "date") return {CType::I32};
  if (t == "bigint" || t == "long" || t == "timestamp") return {CType::I64};
  if (t == "float" || t == "real") return {CType::F32};
  if (t == "double") return {CType::F64};
  if (t == "string" || t == "binary") return {CType::Bytes, CType::I64};
  throw sluice::AnalysisError("C function signature: type '" + trim(sqlType) +
                              "' cannot be passed to a C function (boolean, tinyint, "
                              "smallint, int, bigint, float, double, date, timestamp, string, "
                              "binary)");
}

// The HostFunction of C function `fn` with SQL signature `signature`.
sluice::HostFunction cHostFunction(sluice_function fn, const std::string& signature) {
  const size_t arrow = signature.find("->");
  if (arrow == std::string::npos)
    throw sluice::AnalysisError("C function signature '" + signature +
                                "' has no '->' (e.g. \"bigint, string -> string\")");
  sluice::HostFunction h;
  h.entry = reinterpret_cast<const void*>(fn);
  const std::string args = trim(signature.substr(0, arrow));
  size_t start = 0;
  while (!args.empty()) {
    const size_t comma = args.find(',', start);
    for (sluice::CType c : cTypesOf(args.substr(start, comma - start)))
      h.signature.params.push_back(c);
    h.argSeesNull.push_back(false);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  const std::vector<sluice::CType> result = cTypesOf(signature.substr(arrow + 2));
  if (result.size() == 2) {  // string result: (arena, out) parameters, void return
    h.signature.params.push_back(sluice::CType::Arena);
    h.signature.params.push_back(sluice::CType::OutString);
    h.signature.result = sluice::CType::Void;
  } else {
    h.signature.result = result[0];
  }
  return h;
}

sluice_kind kindOf(const std::string& type) {
  if (type == "boolean") return SLUICE_KIND_BOOLEAN;
  if (type == "tinyint" || type == "smallint" || type == "int" || type == "bigint")
    return SLUICE_KIND_INTEGER;
  if (type == "float" || type == "double") return SLUICE_KIND_FLOAT;
  if (type.rfind("decimal", 0) == 0) return SLUICE_KIND_DECIMAL;
  if (type == "string") return SLUICE_KIND_STRING;
  if (type == "binary") return SLUICE_KIND_BINARY;
  if (type == "date") return SLUICE_KIND_DATE;
  if (type == "timestamp") return SLUICE_KIND_TIMESTAMP;
  return SLUICE_KIND_OTHER;
}

}  // namespace

extern "C" {

const char* sluice_version(void) {
  return sluice::Engine::version();
}

sluice_engine* sluice_engine_new(void) {
  try {
    return new sluice_engine();
  } catch (...) {
    return nullptr;
  }
}

void sluice_engine_free(sluice_engine* engine) {
  delete engine;
}

const char* sluice_last_error(const sluice_engine* engine) {
  return engine ? engine->lastError.c_str() : "error: no engine (NULL)";
}

sluice_status sluice_execute(sluice_engine* engine, const char* sql, char** output) {
  if (output) *output = nullptr;
  if (!sql) return invalid(engine, "sluice_execute: sql is NULL");
  return guarded(engine, [&] {
    const std::string out = engine->engine.execute(sql);
    if (!output) return;
    char* copy = static_cast<char*>(std::malloc(out.size() + 1));
    if (!copy) throw std::bad_alloc();
    std::memcpy(copy, out.c_str(), out.size() + 1);
    *output = copy;
  });
}

sluice_status sluice_query(sluice_engine* engine, const char* sql, sluice_result** result) {
  if (!result) return invalid(engine, "sluice_query: result is NULL");
  *result = nullptr;
  if (!sql) return invalid(engine, "sluice_query: sql is NULL");
  return guarded(engine, [&] {
    auto r = std::make_unique<sluice_result>();
    r->table = engine->engine.query(sql);
    for (int c = 0; c < r->table.columns(); ++c) r->types.push_back(r->table.columnType(c));
    *result = r.release();
  });
}

sluice_status sluice_set(sluice_engine* engine, const char* key, const char* value) {
  if (!key || !value) return invalid(engine, "sluice_set: key or value is NULL");
  return guarded(engine, [&] { engine->engine.set(key, value); });
}

int sluice_stop_query(sluice_engine* engine, const char* name) {
  if (!engine || !name) return 0;
  try {
    return engine->engine.stopQuery(name) ? 1 : 0;
  } catch (...) {
    return 0;
  }
}

void sluice_request_stop(sluice_engine* engine) {
  if (engine) engine->engine.requestStop();
}

void sluice_free_string(char* s) {
  std::free(s);
}

int64_t sluice_result_rows(const sluice_result* result) {
  return result ? result->table.rows() : 0;
}

int sluice_result_columns(const sluice_result* result) {
  return result ? result->table.columns() : 0;
}

const char* sluice_result_column_name(const sluice_result* result, int col) {
  if (!result || col < 0 || col >= result->table.columns()) return nullptr;
  return result->table.columnName(col).c_str();
}

const char* sluice_result_column_type(const sluice_result* result, int col) {
  if (!result || col < 0 || col >= result->table.columns()) return nullptr;
  return result->types[col].c_str();
}

sluice_kind sluice_result_column_kind(const sluice_result* result, int col) {
  if (!result || col < 0 || col >= result->table.columns()) return SLUICE_KIND_OTHER;
  return kindOf(result->types[col]);
}

int sluice_result_is_null(const sluice_result* result, int64_t row, int col) {
  if (!inRange(result, row, col)) return 1;
  return result->table.isNull(row, col) ? 1 : 0;
}

int64_t sluice_result_int(const sluice_result* result, int64_t row, int col) {
  if (!inRange(result, row, col) || result->table.isNull(row, col)) return 0;
  try {
    return result->table.getInt(row, col);
  } catch (...) {  // not an integral kind (or a wide decimal)
    return 0;
  }
}

double sluice_result_double(const sluice_result* result, int64_t row, int col) {
  if (!inRange(result, row, col) || result->table.isNull(row, col)) return 0;
  try {
    return result->table.getDouble(row, col);
  } catch (...) {
    return 0;
  }
}

const char* sluice_result_bytes(const sluice_result* result, int64_t row, int col, size_t* len) {
  if (len) *len = 0;
  if (!inRange(result, row, col) || result->table.isNull(row, col)) return nullptr;
  const sluice_kind k = kindOf(result->types[col]);
  if (k == SLUICE_KIND_STRING || k == SLUICE_KIND_BINARY) {
    // The table's own bytes: no copy.
    const std::string& s = result->table.storage().columns[col].strings[row];
    if (len) *len = s.size();
    return s.data();
  }
  const char* text = sluice_result_text(result, row, col);
  if (text && len) *len = std::strlen(text);
  return text;
}

const char* sluice_result_text(const sluice_result* result, int64_t row, int col) {
  if (!inRange(result, row, col)) return nullptr;
  try {
    // The handle is logically const: the cache only keeps handed-out strings alive.
    auto* r = const_cast<sluice_result*>(result);
    r->texts.push_back(r->table.getString(row, col));
    return r->texts.back().c_str();
  } catch (...) {
    return nullptr;
  }
}

void sluice_result_free(sluice_result* result) {
  delete result;
}

sluice_status sluice_register_function(sluice_engine* engine, const char* name,
                                       const char* signature, sluice_function fn,
                                       int deterministic) {
  if (!name || !signature || !fn)
    return invalid(engine, "sluice_register_function: name, signature or fn is NULL");
  return guarded(engine, [&] {
    sluice::FunctionOptions options;
    options.signature = signature;
    options.deterministic = deterministic != 0;
    engine->engine.registerFunction(name, cHostFunction(fn, signature), options);
  });
}

char* sluice_arena_alloc(sluice_arena* arena, size_t n) {
  if (!arena) return nullptr;
  try {
    return sluice::host_detail::allocateResult(reinterpret_cast<sluice::StringArena*>(arena), n);
  } catch (...) {
    return nullptr;
  }
}

void sluice_function_error(const char* message) {
  sluice::host_detail::reportFailure(message ? message : "error in a C function");
}

}  // extern "C"

// sluice_string is passed where generated code writes a StringView: same layout.
static_assert(sizeof(sluice_string) == sizeof(sluice::StringView) &&
              offsetof(sluice_string, ptr) == offsetof(sluice::StringView, ptr) &&
              offsetof(sluice_string, len) == offsetof(sluice::StringView, len));
