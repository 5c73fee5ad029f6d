/* A C host embedding sluice through its C API (sluice.h): registers two C functions as SQL
 * functions, reads a query's rows as typed values and as text, shows an error message, a C
 * function failing its query, and a continuous streaming query (file directory -> JSON
 * files) stopped from another thread. It checks every result and exits non-zero on a
 * mismatch, so the test suite runs it. Compiled as C11. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sluice/sluice.h"

static int failures = 0;

static void check(int ok, const char* what) {
  if (!ok) {
    fprintf(stderr, "MISMATCH: %s\n", what);
    ++failures;
  }
}

/* bigint -> bigint: a price in cents with 20% tax. */
static int64_t add_tax(int64_t cents) {
  return cents + cents / 5;
}

/* string -> string: upper-cased plus "!", written into the engine's arena. */
static void shout(const char* bytes, int64_t len, sluice_arena* arena, sluice_string* out) {
  char* p = sluice_arena_alloc(arena, (size_t)len + 1);
  if (!p) {
    sluice_function_error("shout: out of memory");
    out->ptr = NULL;
    out->len = 0;
    return;
  }
  for (int64_t i = 0; i < len; ++i) {
    const char c = bytes[i];
    p[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
  }
  p[len] = '!';
  out->ptr = p;
  out->len = len + 1;
}

/* bigint -> bigint that refuses negative numbers by failing the query. */
static int64_t checked(int64_t v) {
  if (v < 0) sluice_function_error("checked: negative value");
  return v;
}

static void typed_rows(sluice_engine* e) {
  sluice_result* r = NULL;
  const sluice_status st = sluice_query(
      e,
      "SELECT id, shout(name) AS loud, add_tax(price) AS gross, price / 100.0D AS euros, "
      "DATE '2024-01-02' AS day FROM VALUES (1L, 'ab', 1000L), (2L, NULL, 250L) "
      "AS t(id, name, price) ORDER BY id",
      &r);
  if (st != SLUICE_OK) {
    fprintf(stderr, "%s\n", sluice_last_error(e));
    check(0, "typed query runs");
    return;
  }
  check(sluice_result_rows(r) == 2, "2 rows");
  check(sluice_result_columns(r) == 5, "5 columns");
  check(strcmp(sluice_result_column_name(r, 1), "loud") == 0, "column 1 is loud");
  check(strcmp(sluice_result_column_type(r, 2), "bigint") == 0, "gross is a bigint");
  check(sluice_result_column_kind(r, 1) == SLUICE_KIND_STRING, "loud is a string");
  check(sluice_result_column_kind(r, 3) == SLUICE_KIND_FLOAT, "euros is a double");
  check(sluice_result_column_kind(r, 4) == SLUICE_KIND_DATE, "day is a date");
  for (int64_t row = 0; row < sluice_result_rows(r); ++row) {
    printf("row %lld:", (long long)row);
    for (int c = 0; c < sluice_result_columns(r); ++c)
      printf(" %s=%s", sluice_result_column_name(r, c), sluice_result_text(r, row, c));
    printf("\n");
  }
  size_t len = 0;
  const char* loud = sluice_result_bytes(r, 0, 1, &len);
  check(loud && len == 3 && memcmp(loud, "AB!", 3) == 0, "shout('ab') = AB!");
  check(sluice_result_is_null(r, 1, 1), "shout(NULL) is NULL without a call");
  check(sluice_result_int(r, 0, 2) == 1200, "add_tax(1000) = 1200");
  check(sluice_result_int(r, 1, 2) == 300, "add_tax(250) = 300");
  check(sluice_result_double(r, 1, 3) == 2.5, "250 / 100.0 = 2.5");
  check(sluice_result_int(r, 0, 4) == 19724, "2024-01-02 is day 19724");
  check(strcmp(sluice_result_text(r, 0, 4), "2024-01-02") == 0, "date as text");
  check(sluice_result_text(r, 5, 0) == NULL, "row out of range gives NULL");
  sluice_result_free(r);
}

static void errors(sluice_engine* e) {
  sluice_result* r = NULL;
  sluice_status st = sluice_query(e, "SELECT nope FROM VALUES (1) AS t(a)", &r);
  printf("expected error:\n%s\n", sluice_last_error(e));
  check(st == SLUICE_ANALYSIS_ERROR, "unknown column is an analysis error");
  check(r == NULL, "no result on error");
  check(strstr(sluice_last_error(e), "nope") != NULL, "message names the column");
  check(strstr(sluice_last_error(e), "^") != NULL, "message has a caret");
  st = sluice_query(e, "SELECT checked(a) FROM VALUES (1L), (-1L) AS t(a)", &r);
  printf("expected error:\n%s\n", sluice_last_error(e));
  check(st == SLUICE_EXECUTION_ERROR, "a failing C function fails the query");
  check(strstr(sluice_last_error(e), "checked: negative value") != NULL,
        "its message is in the error");
  st = sluice_register_function(e, "upper", "string -> string", (sluice_function)shout, 1);
  check(st == SLUICE_ANALYSIS_ERROR, "a builtin name cannot be registered");
  st = sluice_register_function(e, "f", "array<int> -> int", (sluice_function)add_tax, 1);
  check(st == SLUICE_ANALYSIS_ERROR, "an array parameter cannot be passed to C");
  check(sluice_query(e, "SELECT 1", &r) == SLUICE_OK, "the engine works after errors");
  check(strcmp(sluice_last_error(e), "") == 0, "and the error is cleared");
  sluice_result_free(r);
}

struct stream_run {
  sluice_engine* engine;
  const char* sql;
  sluice_status status;
};

static void* run_stream(void* arg) {
  struct stream_run* run = (struct stream_run*)arg;
  run->status = sluice_execute(run->engine, run->sql, NULL);
  return NULL;
}

static int has_output(const char* dir) {
  DIR* d = opendir(dir);
  if (!d) return 0;
  int found = 0;
  for (struct dirent* f; (f = readdir(d)) != NULL;)
    if (strncmp(f->d_name, "part-", 5) == 0) found = 1;
  closedir(d);
  return found;
}

static void streaming(sluice_engine* e) {
  char base[] = "/tmp/sluice-c-sample-XXXXXX";
  if (!mkdtemp(base)) {
    check(0, "temp directory");
    return;
  }
  char in[300], out[300], sql[2048];
  snprintf(in, sizeof in, "%s/in", base);
  snprintf(out, sizeof out, "%s/out", base);
  mkdir(in, 0755);
  char file[400];
  snprintf(file, sizeof file, "%s/a.json", in);
  FILE* f = fopen(file, "w");
  fputs("{\"id\": 1, \"name\": \"x\"}\n{\"id\": 2, \"name\": \"yz\"}\n{\"id\": 3}\n", f);
  fclose(f);
  snprintf(sql, sizeof sql,
           "CREATE TABLE src (id BIGINT, name STRING) USING json OPTIONS (path '%s');\n"
           "CREATE TABLE dst (id BIGINT, loud STRING) USING json OPTIONS (path '%s');\n"
           "CREATE STREAMING QUERY loud_names OPTIONS (checkpointLocation '%s/cp', "
           "trigger '100 milliseconds') AS INSERT INTO dst SELECT id, shout(name) FROM STREAM "
           "src",
           in, out, base);
  struct stream_run run = {e, sql, SLUICE_INTERNAL_ERROR};
  pthread_t t;
  pthread_create(&t, NULL, run_stream, &run);
  /* Wait (at most 60 s) for the first batch's files, then stop the query by name. */
  for (int i = 0; i < 600 && !has_output(out); ++i) {
    struct timespec ts = {0, 100 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  check(has_output(out), "the streaming query wrote its first batch");
  int stopped = 0;
  for (int i = 0; i < 100 && !stopped; ++i) {
    stopped = sluice_stop_query(e, "loud_names");
    struct timespec ts = {0, 50 * 1000 * 1000};
    if (!stopped) nanosleep(&ts, NULL);
  }
  check(stopped, "sluice_stop_query found the running query");
  pthread_join(t, NULL);
  if (run.status != SLUICE_OK) fprintf(stderr, "%s\n", sluice_last_error(e));
  check(run.status == SLUICE_OK, "a stopped streaming query returns SLUICE_OK");
  check(sluice_stop_query(e, "loud_names") == 0, "no query left to stop");

  sluice_result* r = NULL;
  if (sluice_query(e, "SELECT id, loud FROM dst ORDER BY id", &r) != SLUICE_OK) {
    fprintf(stderr, "%s\n", sluice_last_error(e));
    check(0, "reading the output");
  } else {
    check(sluice_result_rows(r) == 3, "3 rows streamed");
    check(strcmp(sluice_result_text(r, 1, 1), "YZ!") == 0, "shout ran in the stream");
    check(sluice_result_is_null(r, 2, 1), "a missing name stays NULL");
    printf("streamed %lld rows, stopped by name\n", (long long)sluice_result_rows(r));
    sluice_result_free(r);
  }
  char cmd[400];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", base);
}

int main(void) {
  printf("sluice %s\n", sluice_version());
  sluice_engine* e = sluice_engine_new();
  if (!e) return 2;
  if (sluice_register_function(e, "add_tax", "bigint -> bigint", (sluice_function)add_tax, 1) !=
          SLUICE_OK ||
      sluice_register_function(e, "shout", "string -> string", (sluice_function)shout, 1) !=
          SLUICE_OK ||
      sluice_register_function(e, "checked", "bigint -> bigint", (sluice_function)checked, 1) !=
          SLUICE_OK) {
    fprintf(stderr, "%s\n", sluice_last_error(e));
    return 2;
  }
  typed_rows(e);
  errors(e);
  streaming(e);
  sluice_engine_free(e);
  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("embed C sample: all checks passed\n");
  return 0;
}
