/* The C API of sluice: an ABI-stable interface for hosts that are not written in C++
 * (C, or any language with a C FFI). Only opaque handles, C scalars and NUL-terminated
 * strings cross it; every function is `extern "C"` and never throws.
 *
 *   sluice_engine* e = sluice_engine_new();
 *   sluice_result* r = NULL;
 *   if (sluice_query(e, "SELECT 1 AS a, 'x' AS b", &r) != SLUICE_OK) {
 *     fprintf(stderr, "%s\n", sluice_last_error(e));
 *   } else {
 *     for (int64_t row = 0; row < sluice_result_rows(r); ++row)
 *       printf("%lld %s\n", (long long)sluice_result_int(r, row, 0),
 *              sluice_result_text(r, row, 1));
 *     sluice_result_free(r);
 *   }
 *   sluice_engine_free(e);
 *
 * Errors: a function that can fail returns a sluice_status; the message (with
 * `file:line:col`, the line and a caret when it points into query text) is then available
 * from sluice_last_error(engine) until the next call on that engine.
 *
 * Compatibility: functions are only ever added; enum values keep their numbers; no struct
 * whose layout a host sees changes (sluice_string is the only one).
 */
#ifndef SLUICE_SLUICE_H
#define SLUICE_SLUICE_H

#include <stddef.h>
#include <stdint.h>

#include "sluice/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A session: catalog, configuration and compiler (sluice::Engine). */
typedef struct sluice_engine sluice_engine;
/** The rows a query returned (sluice::Table), immutable. */
typedef struct sluice_result sluice_result;
/** Allocator for the bytes of a string a registered function returns. */
typedef struct sluice_arena sluice_arena;

/** String or binary bytes (not NUL-terminated): the layout generated code uses. */
typedef struct sluice_string {
  const char* ptr; /**< first byte (may be NULL when len is 0) */
  int64_t len;     /**< length in bytes */
} sluice_string;

/** What a call returned: success, or the phase of the error (see sluice_last_error). */
typedef enum sluice_status {
  SLUICE_OK = 0,               /**< success */
  SLUICE_PARSE_ERROR = 1,      /**< malformed query text */
  SLUICE_ANALYSIS_ERROR = 2,   /**< unknown names, type errors, streaming misuse */
  SLUICE_PLAN_ERROR = 3,       /**< planning failed */
  SLUICE_CODEGEN_ERROR = 4,    /**< code generation or JIT failed */
  SLUICE_EXECUTION_ERROR = 5,  /**< run-time failure (sources, sinks, data) */
  SLUICE_INVALID_ARGUMENT = 6, /**< a NULL handle or string, an index out of range */
  SLUICE_INTERNAL_ERROR = 7    /**< anything else (e.g. out of memory) */
} sluice_status;

/** The kind of a result column (sluice_result_column_kind). */
typedef enum sluice_kind {
  SLUICE_KIND_OTHER = 0,    /**< struct, array, map, interval: read it as text */
  SLUICE_KIND_BOOLEAN = 1,  /**< sluice_result_int: 0 or 1 */
  SLUICE_KIND_INTEGER = 2,  /**< tinyint .. bigint: sluice_result_int */
  SLUICE_KIND_FLOAT = 3,    /**< float, double: sluice_result_double */
  SLUICE_KIND_DECIMAL = 4,  /**< sluice_result_int gives the unscaled value (precision <= 18);
                                 sluice_result_text the exact decimal */
  SLUICE_KIND_STRING = 5,   /**< sluice_result_bytes */
  SLUICE_KIND_BINARY = 6,   /**< sluice_result_bytes */
  SLUICE_KIND_DATE = 7,     /**< sluice_result_int: days since 1970-01-01 */
  SLUICE_KIND_TIMESTAMP = 8 /**< sluice_result_int: microseconds since the epoch (UTC) */
} sluice_kind;

/** The library version, e.g. "0.1.0". */
SLUICE_API const char* sluice_version(void);

/** A new engine (an empty session), or NULL if it cannot be created. */
SLUICE_API sluice_engine* sluice_engine_new(void);
/** Destroys `engine` (NULL is ignored). No call on it may still be running. */
SLUICE_API void sluice_engine_free(sluice_engine* engine);

/** The message of the last failed call on `engine` ("" if it succeeded), rendered as
 *  `file:line:col: error: ...` plus the line and a caret when it points into query text.
 *  Valid until the next call on `engine`. */
SLUICE_API const char* sluice_last_error(const sluice_engine* engine);

/** Runs every statement of `sql` (Engine::execute): DDL and SET update the session,
 *  SELECT results are printed as Spark's show() grid into the output, streaming queries run
 *  (with trigger 'once' / 'availableNow' to completion, others until stopped). If `output`
 *  is not NULL it receives what the statements print, as a NUL-terminated string to release
 *  with sluice_free_string (NULL on error). */
SLUICE_API sluice_status sluice_execute(sluice_engine* engine, const char* sql, char** output);

/** Runs the statements of `sql` like sluice_execute; the last must be a SELECT, whose rows
 *  are returned in `*result` (release with sluice_result_free; NULL on error). */
SLUICE_API sluice_status sluice_query(sluice_engine* engine, const char* sql,
                                      sluice_result** result);

/** Sets a session configuration value (same as `SET key = value`). */
SLUICE_API sluice_status sluice_set(sluice_engine* engine, const char* key, const char* value);

/** Asks the running streaming query `name` (case-insensitive) of `engine` to stop: it
 *  finishes and commits its batch and the sluice_execute running it returns. Returns 1 if
 *  such a query was running, 0 otherwise. Callable from any thread while another thread is in
 *  sluice_execute. */
SLUICE_API int sluice_stop_query(sluice_engine* engine, const char* name);
/** Asks every running statement and streaming query of `engine` to stop (thread- and
 *  async-signal-safe). */
SLUICE_API void sluice_request_stop(sluice_engine* engine);

/** Releases a string returned by sluice_execute (NULL is ignored). */
SLUICE_API void sluice_free_string(char* s);

/** Number of rows of `result`. */
SLUICE_API int64_t sluice_result_rows(const sluice_result* result);
/** Number of columns of `result`. */
SLUICE_API int sluice_result_columns(const sluice_result* result);
/** Name of column `col` (NULL if out of range); valid while `result` lives. */
SLUICE_API const char* sluice_result_column_name(const sluice_result* result, int col);
/** Spark type name of column `col` (`int`, `string`, `decimal(3,1)`, ...; NULL if out of
 *  range); valid while `result` lives. */
SLUICE_API const char* sluice_result_column_type(const sluice_result* result, int col);
/** The kind of column `col` (SLUICE_KIND_OTHER if out of range). */
SLUICE_API sluice_kind sluice_result_column_kind(const sluice_result* result, int col);
/** 1 if the value at (`row`, `col`) is NULL (or out of range), else 0. */
SLUICE_API int sluice_result_is_null(const sluice_result* result, int64_t row, int col);
/** The value at (`row`, `col`) of a boolean, integral, decimal, date or timestamp column
 *  (see sluice_kind); 0 for NULL, other kinds or out of range. */
SLUICE_API int64_t sluice_result_int(const sluice_result* result, int64_t row, int col);
/** The value at (`row`, `col`) of a float, double or integral column; 0 for NULL, other kinds
 *  or out of range. */
SLUICE_API double sluice_result_double(const sluice_result* result, int64_t row, int col);
/** The bytes of a string or binary value (other kinds: its text), NULL for NULL or out of
 *  range; `*len` (if not NULL) receives the length. Valid while `result` lives. */
SLUICE_API const char* sluice_result_bytes(const sluice_result* result, int64_t row, int col,
                                           size_t* len);
/** Any value as text, as show() prints it ("NULL" for NULL; NULL if out of range),
 *  NUL-terminated; valid while `result` lives. */
SLUICE_API const char* sluice_result_text(const sluice_result* result, int64_t row, int col);
/** Releases `result` (NULL is ignored). */
SLUICE_API void sluice_result_free(sluice_result* result);

/** A C function registered as a SQL scalar function, cast to this type for
 *  sluice_register_function. Generated code calls it directly, once per row, with one C
 *  parameter per SQL argument as the signature says:
 *    boolean -> uint8_t (0 / 1), tinyint -> int8_t, smallint -> int16_t, int -> int32_t,
 *    bigint -> int64_t, float -> float, double -> double, date -> int32_t (days),
 *    timestamp -> int64_t (microseconds), string / binary -> two parameters
 *    (const char* bytes, int64_t length).
 *  A non-string result is the return value (same C types). A string / binary result is
 *  returned through two extra last parameters, (sluice_arena* arena, sluice_string* out):
 *  allocate the bytes with sluice_arena_alloc(arena, n), fill them, set *out, return void.
 *  A NULL argument gives a NULL result without a call; results are never NULL. To fail the
 *  query, call sluice_function_error and return any value. The function must be safe to call
 *  from several threads. */
typedef void (*sluice_function)(void);

/** Registers `fn` as the SQL scalar function `name` of `engine`, with the SQL `signature`
 *  in Spark type names: "bigint, string -> string" (no arguments: "-> bigint").
 *  `deterministic` 0 marks a function whose result may differ between calls with the same
 *  arguments. Fails (SLUICE_ANALYSIS_ERROR / SLUICE_PARSE_ERROR) for a builtin name, a
 *  name that is not an identifier, or a type outside the list of sluice_function. */
SLUICE_API sluice_status sluice_register_function(sluice_engine* engine, const char* name,
                                                  const char* signature, sluice_function fn,
                                                  int deterministic);

/** `n` bytes for a string result of a registered function, valid until the batch is done
 *  (NULL if out of memory). */
SLUICE_API char* sluice_arena_alloc(sluice_arena* arena, size_t n);
/** Called inside a registered function: fails the running query with an execution error
 *  carrying `message` (copied). */
SLUICE_API void sluice_function_error(const char* message);

#ifdef __cplusplus
}
#endif

#endif /* SLUICE_SLUICE_H */
