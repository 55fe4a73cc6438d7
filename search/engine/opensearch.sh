#!/usr/bin/env bash
# Local single-node OpenSearch (embedded launcher built with Maven) for tests and development.
#
#   search/engine/opensearch.sh build|run|start|stop|status|restart
#
# Environment:
#   OPENSEARCH_PORT            HTTP port on 127.0.0.1 (default 9250)
#   OPENSEARCH_TRANSPORT_PORT  transport port on 127.0.0.1 (default OPENSEARCH_PORT+100)
#   OPENSEARCH_DATA            node home: data/, logs/, config/, pid and log files (default <repo>/var/opensearch)
#   OPENSEARCH_HEAP            JVM heap, -Xms = -Xmx (default 512m)
#   OPENSEARCH_JAVA_OPTS       extra JVM options
#   OPENSEARCH_START_TIMEOUT   seconds `start` waits for yellow/green health (default 120)
#   OPENSEARCH_STOP_TIMEOUT    seconds `stop` waits after SIGTERM before SIGKILL (default 30)
#   OPENSEARCH_MVN_ARGS        extra Maven arguments for `build`, e.g. "-o" to stay offline
#   JAVA_HOME                  JDK to use (17+); otherwise `java` from PATH
set -euo pipefail

ENGINE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$ENGINE_DIR/../.." && pwd)"

PORT="${OPENSEARCH_PORT:-9250}"
TRANSPORT_PORT="${OPENSEARCH_TRANSPORT_PORT:-$((PORT + 100))}"
DATA="${OPENSEARCH_DATA:-$REPO_DIR/var/opensearch}"
HEAP="${OPENSEARCH_HEAP:-512m}"
START_TIMEOUT="${OPENSEARCH_START_TIMEOUT:-120}"
STOP_TIMEOUT="${OPENSEARCH_STOP_TIMEOUT:-30}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
MAIN_CLASS="qingyuan.opensearch.EmbeddedOpenSearch"
TARGET="$ENGINE_DIR/target"
STAMP="$TARGET/.build-stamp"
PIDFILE="$DATA/opensearch.pid"
LOGFILE="$DATA/opensearch.log"
URL="http://127.0.0.1:$PORT"

log() { echo "opensearch.sh: $*" >&2; }

# ---- build ---------------------------------------------------------------

is_stale() {
  [[ -f "$STAMP" && -d "$TARGET/lib" && -d "$TARGET/classes" ]] || return 0
  [[ -n "$(find "$ENGINE_DIR/pom.xml" "$ENGINE_DIR/src" -newer "$STAMP" -print -quit)" ]]
}

cmd_build() {
  if ! is_stale; then
    return 0
  fi
  command -v mvn >/dev/null || { log "mvn not found (Maven 3.8+ is required)"; exit 1; }
  log "building with Maven (first run downloads ~90 MB into ~/.m2)..."
  # A fresh lib/ so a version bump never leaves two OpenSearch jars on the classpath.
  rm -rf "${TARGET:?}/lib" "$STAMP"
  # All Maven output goes to stderr (stdout of `start` is just the URL); the sed drops
  # the stray colour resets Debian's Maven 3.8 prints even in batch mode.
  # shellcheck disable=SC2086
  mvn -q -B ${OPENSEARCH_MVN_ARGS:-} -f "$ENGINE_DIR/pom.xml" compile 2>&1 | sed 's/\x1b\[0m//g' >&2
  touch "$STAMP"
}

# ---- process helpers -----------------------------------------------------

java_cmd() {
  # shellcheck disable=SC2054  # "SPI,COMPAT" is one value
  local -a opts=(
    "-Xms$HEAP" "-Xmx$HEAP" -Xss1m
    -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow
    -Dfile.encoding=UTF-8 -Djava.awt.headless=true -Djna.nosys=true
    -Djava.locale.providers=SPI,COMPAT
    -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true
    -Dio.netty.recycler.maxCapacityPerThread=0
    -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true -Dlog4j2.formatMsgNoLookups=true
  )
  # shellcheck disable=SC2206
  local -a extra=(${OPENSEARCH_JAVA_OPTS:-})
  CMD=("$JAVA" "${opts[@]}" "${extra[@]}" -cp "$TARGET/classes:$TARGET/lib/*" "$MAIN_CLASS"
       "-Epath.home=$DATA" "-Ehttp.port=$PORT" "-Etransport.port=$TRANSPORT_PORT")
}

# Prints the pid if the pid file points at a live launcher process.
running_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid
  pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS" || return 1
  echo "$pid"
}

http_get() {  # http_get URL -> body on stdout, non-zero on failure
  if command -v curl >/dev/null; then
    curl -fsS --max-time 5 "$1" 2>/dev/null
  else
    python3 -c 'import sys,urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())' "$1" 2>/dev/null
  fi
}

health_status() {  # prints green/yellow/red, non-zero if unreachable
  http_get "$URL/_cluster/health" | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' | grep .
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# ---- commands ------------------------------------------------------------

cmd_run() {
  cmd_build
  if pid="$(running_pid)"; then log "already running (pid $pid) on $URL"; exit 1; fi
  if port_in_use "$PORT"; then log "port $PORT is already in use by another process"; exit 1; fi
  mkdir -p "$DATA"
  java_cmd
  echo $$ >"$PIDFILE"  # exec keeps this pid, so `status`/`stop` work from another shell
  exec "${CMD[@]}"
}

cmd_start() {
  if pid="$(running_pid)"; then
    log "already running (pid $pid)"
    echo "$URL"
    return 0
  fi
  cmd_build
  if port_in_use "$PORT"; then log "port $PORT is already in use by another process"; exit 1; fi
  mkdir -p "$DATA"
  java_cmd
  # setsid: own session, so a closing terminal or Ctrl-C elsewhere does not reach it.
  setsid "${CMD[@]}" </dev/null >"$LOGFILE" 2>&1 &
  local pid=$!
  echo "$pid" >"$PIDFILE"

  local t0=$SECONDS status=""
  local deadline=$((t0 + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "process exited during startup; last log lines ($LOGFILE):"
      tail -n 40 "$LOGFILE" >&2 || true
      rm -f "$PIDFILE"
      exit 1
    fi
    status="$(health_status || true)"
    # The launcher prints "ready on" once its post-start setup is done as well.
    if [[ "$status" == green || "$status" == yellow ]] && grep -q ' ready on http' "$LOGFILE"; then
      log "started (pid $pid, health $status, $((SECONDS - t0))s), log: $LOGFILE"
      echo "$URL"
      return 0
    fi
    sleep 0.5
  done
  log "not healthy after ${START_TIMEOUT}s; stopping it. Last log lines ($LOGFILE):"
  tail -n 40 "$LOGFILE" >&2 || true
  cmd_stop || true
  exit 1
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PIDFILE"
    log "not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    log "still alive after ${STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PIDFILE"
  log "stopped (pid $pid)"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    echo "running pid=$pid url=$URL health=$(health_status || echo unreachable) data=$DATA"
    return 0
  fi
  echo "not running (url=$URL data=$DATA)"
  return 3
}

case "${1:-}" in
  build) cmd_build ;;
  run) cmd_run ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  status) cmd_status ;;
  *) echo "usage: $0 build|run|start|stop|restart|status" >&2; exit 2 ;;
esac
