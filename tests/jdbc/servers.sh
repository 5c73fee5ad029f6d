#!/usr/bin/env bash
# Starts throwaway PostgreSQL and MariaDB servers for the jdbc tests, from the Debian packages
# tools/setup.sh installs (postgresql, mariadb-server): data directories in a temp folder,
# listening on free loopback ports, stopped by jdbc_stop_servers (the tests call it from an
# EXIT trap, so the servers stop even when a check fails). Source it, then:
#   jdbc_start_postgres DIR   sets PG_PORT;  user sluice / password $JDBC_PASSWORD, db testdb
#   jdbc_start_mariadb DIR    sets MY_PORT;  user sluice / password $JDBC_PASSWORD, db testdb
#   jdbc_pg_sql "SQL"  /  jdbc_my_sql "SQL"   run SQL as the test user
# PostgreSQL refuses to run as root: under uid 0 it runs as the unprivileged user `nobody`.
# A server that cannot start is an error naming its log (exit 1), never a silent skip.

JDBC_PASSWORD=${JDBC_PASSWORD:-'s3cr3t-Pa55+word'}
JDBC_PIDS=()
JDBC_STOPS=()

jdbc_free_port() {
  local p
  for _ in $(seq 200); do
    p=$((20000 + RANDOM % 40000))
    if ! (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  echo "no free loopback port found" >&2
  return 1
}

jdbc_pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$d/initdb" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" \
    "(tools/setup.sh installs the postgresql package)" >&2; return 1; }
  echo "$d"
}

jdbc_start_postgres() {
  local dir=$1/pg bin as=()
  bin=$(jdbc_pg_bin) || return 1
  mkdir -p "$dir"
  printf '%s\n' "$JDBC_PASSWORD" >"$dir/pwfile"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R nobody "$dir"
    chmod 711 "$1"
    as=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
  fi
  PG_PORT=$(jdbc_free_port) || return 1
  if ! (cd "$dir" && "${as[@]}" "$bin/initdb" -D "$dir/data" -U sluice -A scram-sha-256 \
        --pwfile="$dir/pwfile" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1); then
    echo "PostgreSQL initdb failed; its log:" >&2; cat "$dir/initdb.log" >&2; return 1
  fi
  if ! (cd "$dir" && "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1" start >/dev/null 2>&1); then
    echo "PostgreSQL did not start on 127.0.0.1:$PG_PORT; its log:" >&2
    cat "$dir/server.log" >&2; return 1
  fi
  JDBC_STOPS+=("cd '$dir' && ${as[*]} '$bin/pg_ctl' -D '$dir/data' -m immediate -w stop >/dev/null 2>&1")
  jdbc_pg_sql_db postgres "CREATE DATABASE testdb" >/dev/null
}

jdbc_pg_sql_db() {
  PGPASSWORD=$JDBC_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U sluice \
    -d "$1" -At -c "$2"
}
jdbc_pg_sql() { jdbc_pg_sql_db testdb "$1"; }

jdbc_start_mariadb() {
  local dir=$1/my user
  mkdir -p "$dir"
  user=$(id -un)
  MY_PORT=$(jdbc_free_port) || return 1
  if ! mariadb-install-db --no-defaults --datadir="$dir/data" --user="$user" \
       --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1; then
    echo "mariadb-install-db failed; its log:" >&2; cat "$dir/install.log" >&2; return 1
  fi
  mariadbd --no-defaults --datadir="$dir/data" --socket="$dir/sock" --port="$MY_PORT" \
    --bind-address=127.0.0.1 --pid-file="$dir/pid" --user="$user" --skip-log-bin \
    --innodb-buffer-pool-size=16M --log-error="$dir/server.log" >/dev/null 2>&1 &
  local pid=$!
  JDBC_PIDS+=("$pid")
  for _ in $(seq 300); do
    [ -S "$dir/sock" ] && mariadb --no-defaults -S "$dir/sock" -u root -e 'SELECT 1' \
      >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if ! mariadb --no-defaults -S "$dir/sock" -u root -e "
      CREATE DATABASE testdb;
      CREATE USER 'sluice'@'127.0.0.1' IDENTIFIED BY '$JDBC_PASSWORD';
      CREATE USER 'sluice'@'localhost' IDENTIFIED BY '$JDBC_PASSWORD';
      GRANT ALL ON testdb.* TO 'sluice'@'127.0.0.1';
      GRANT ALL ON testdb.* TO 'sluice'@'localhost';" 2>"$dir/setup.err"; then
    echo "MariaDB did not start on 127.0.0.1:$MY_PORT; its log:" >&2
    cat "$dir/server.log" "$dir/setup.err" >&2; return 1
  fi
  MY_SOCK=$dir/sock
}

jdbc_my_sql() {
  mariadb --no-defaults -h 127.0.0.1 -P "$MY_PORT" --protocol=TCP -u sluice \
    -p"$JDBC_PASSWORD" -N -B testdb -e "$1"
}

jdbc_stop_servers() {
  local s p
  for s in "${JDBC_STOPS[@]}"; do bash -c "$s" || true; done
  for p in "${JDBC_PIDS[@]}"; do
    kill "$p" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
  JDBC_STOPS=()
  JDBC_PIDS=()
}
