#!/usr/bin/env bash
# COC Stream local services without Docker: a real Apache Kafka broker (KRaft, jars from Maven
# Central) and a private ClickHouse server (Debian's 18.16.1), both on loopback, both run from
# their own data dir. Usage and measured times: deploy/local/README.md.
#
#   services.sh install [svc] | start [svc] | wait [svc] | stop [svc] | status [svc] | logs [svc] [lines] | reset | env
#   svc = kafka | clickhouse | all (default all)
#   services.sh install tools: what the tests need besides the services (Debian's Chromium and Noto fonts
#   for the wall-screen browser tests and the latency bench, promtool for the alert rules' tests)
set -euo pipefail
# EPOCHREALTIME uses the locale's decimal mark; awk arithmetic below needs a dot.
export LC_NUMERIC=C

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
DATA="$(realpath -m "${COC_LOCAL_DIR:-$REPO/.local}")"
HOST=127.0.0.1
KAFKA_PORT="${COC_LOCAL_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${COC_LOCAL_KAFKA_CONTROLLER_PORT:-19093}"
CH_HTTP_PORT="${COC_LOCAL_CLICKHOUSE_HTTP_PORT:-18123}"
CH_TCP_PORT="${COC_LOCAL_CLICKHOUSE_TCP_PORT:-19001}"
# kafka3 = Kafka 3.9.1 + reload4j (default); kafka4 = Kafka 4.1.1 + log4j2 (pom.xml profiles)
KAFKA_PROFILE="${COC_LOCAL_KAFKA_PROFILE:-kafka3}"
WAIT_TIMEOUT="${COC_LOCAL_WAIT_TIMEOUT:-60}"
STOP_TIMEOUT="${COC_LOCAL_STOP_TIMEOUT:-20}"
KAFKA_HEAP="${COC_LOCAL_KAFKA_HEAP:--Xms256m -Xmx1g}"
# extra JVM flags, e.g. -XX:TieredStopAtLevel=1 (~0.5 s faster start, lower peak throughput)
KAFKA_JVM_OPTS="${COC_LOCAL_KAFKA_JVM_OPTS:-}"

case "$KAFKA_PROFILE" in
  kafka3) KAFKA_VERSION=3.9.1 ;;
  kafka4) KAFKA_VERSION=4.1.1 ;;
  *) echo "COC_LOCAL_KAFKA_PROFILE must be kafka3 or kafka4 (got '$KAFKA_PROFILE')" >&2; exit 2 ;;
esac
# Jars live outside the data dir so `reset` does not force a new Maven resolution.
KAFKA_LIBS="${COC_LOCAL_KAFKA_LIBS:-$HERE/kafka/target/$KAFKA_PROFILE-libs}"
KAFKA_DIR="$DATA/kafka"
CH_DIR="$DATA/clickhouse"
# SCRAM-SHA-512 users of the local broker: the broker's own (inter-broker, administration) and the
# one every client uses. Passwords are generated once per data dir into KAFKA_CREDENTIALS (mode 600).
KAFKA_ADMIN_USER=coc-admin
KAFKA_CLIENT_USER=coc
KAFKA_CREDENTIALS="$KAFKA_DIR/credentials"
# Written when the storage is formatted with the SCRAM users: a data dir without it predates SASL.
KAFKA_SCRAM_MARKER="$KAFKA_DIR/scram-users"

# coc-gateway's read-only ClickHouse user (profile `reader` in clickhouse/users.xml); its password is
# generated once per data dir and printed by `services.sh env`.
CH_READER_USER=coc_reader
CH_READER_PASSWORD_FILE="$CH_DIR/reader.password"

log() { printf '[services] %s\n' "$*"; }
die() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

# True when something accepts TCP connections on HOST:$1 (bash /dev/tcp: no nc needed).
port_busy() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# The marker that identifies OUR process on its command line: its own config path in the data dir.
marker() {
  case "$1" in
    kafka) printf '%s' "kafka.Kafka $KAFKA_DIR/server.properties" ;;
    clickhouse) printf '%s' "--config-file=$CH_DIR/config.xml" ;;
  esac
}
pidfile() { printf '%s/%s.pid' "$DATA" "$1"; }

# Prints the pid of our running $1 and returns 0, else returns 1. A pid file is trusted only if
# that pid's command line carries our config path (pids get reused); a lost pid file is recovered.
pid_of() {
  local svc=$1 pf pid m cmdline
  pf="$(pidfile "$svc")"
  m="$(marker "$svc")"
  if [[ -s "$pf" ]]; then
    pid="$(<"$pf")"
    if [[ "$pid" =~ ^[0-9]+$ ]]; then
      cmdline="$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" || true)"
      if [[ $cmdline == *"$m"* ]]; then
        printf '%s' "$pid"
        return 0
      fi
    fi
    rm -f "$pf"
  fi
  # pgrep takes a regex: escape the path so only this exact command line matches.
  pid="$(pgrep -f -o -- "$(printf '%s' "$m" | sed 's/[][\\.*^$+?(){}|]/\\&/g')" 2>/dev/null || true)"
  if [[ -n "$pid" ]]; then
    mkdir -p "$DATA"
    printf '%s\n' "$pid" >"$pf"
    printf '%s' "$pid"
    return 0
  fi
  return 1
}

# render TEMPLATE OUT [PLACEHOLDER VALUE]...: pure-bash substitution, so paths need no escaping.
render() {
  local tmpl=$1 out=$2 text
  shift 2
  text="$(<"$tmpl")"
  while (($#)); do
    text="${text//"$1"/"$2"}"
    shift 2
  done
  printf '%s\n' "$text" >"$out.tmp"
  mv -f "$out.tmp" "$out"
}

# Loads KAFKA_ADMIN_PASSWORD and KAFKA_CLIENT_PASSWORD, generating them on first use of the data dir.
# Hex only, so they need no quoting in server.properties, in `env` output or on a command line.
load_kafka_credentials() {
  if [[ ! -f $KAFKA_CREDENTIALS ]]; then
    [[ ! -f $KAFKA_SCRAM_MARKER ]] ||
      die "$KAFKA_CREDENTIALS is missing but $KAFKA_DIR was formatted with SCRAM users: run services.sh reset"
    mkdir -p "$KAFKA_DIR"
    (
      umask 077
      {
        printf '# SCRAM-SHA-512 passwords of the local broker (services.sh); delete only with services.sh reset\n'
        printf 'KAFKA_ADMIN_PASSWORD=%s\n' "$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')"
        printf 'KAFKA_CLIENT_PASSWORD=%s\n' "$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')"
      } >"$KAFKA_CREDENTIALS.tmp"
    )
    mv -f "$KAFKA_CREDENTIALS.tmp" "$KAFKA_CREDENTIALS"
  fi
  KAFKA_ADMIN_PASSWORD="$(sed -n 's/^KAFKA_ADMIN_PASSWORD=//p' "$KAFKA_CREDENTIALS")"
  KAFKA_CLIENT_PASSWORD="$(sed -n 's/^KAFKA_CLIENT_PASSWORD=//p' "$KAFKA_CREDENTIALS")"
  [[ $KAFKA_ADMIN_PASSWORD =~ ^[0-9a-f]{16,}$ && $KAFKA_CLIENT_PASSWORD =~ ^[0-9a-f]{16,}$ ]] ||
    die "$KAFKA_CREDENTIALS is damaged: run services.sh reset"
}

# True when the data dir holds a broker formatted before the local broker used SCRAM (no users).
kafka_predates_scram() { [[ -f "$KAFKA_DIR/data/meta.properties" && ! -f $KAFKA_SCRAM_MARKER ]]; }

# ---------------------------------------------------------------------------------------------
# install

run_as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# apt-get install; `apt-get update` only when the install fails without it (slow, often unneeded).
# A temporary policy-rc.d stops the package from starting its own system service (8123/9000).
apt_install() {
  local aptlog="$DATA/log/apt.log" policy=/usr/sbin/policy-rc.d made_policy=0 rc=0
  mkdir -p "$DATA/log"
  if [[ ! -e $policy ]]; then
    run_as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    made_policy=1
    # never leave it behind (it would block every later service start on this machine)
    trap 'run_as_root rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  log "apt-get install $* (log: $aptlog)"
  if ! run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$aptlog" 2>&1; then
    log "apt-get install failed; running apt-get update and retrying"
    { run_as_root apt-get update -q && run_as_root env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -q "$@"; } >>"$aptlog" 2>&1 || rc=$?
  fi
  if ((made_policy)); then
    run_as_root rm -f "$policy"
    trap - EXIT
  fi
  if ((rc != 0)); then
    tail -n 20 "$aptlog" >&2
    die "apt-get install $* failed (rc=$rc)"
  fi
}

# Prints the command that runs a ClickHouse server: Debian ships clickhouse-server in /usr/sbin
# (not always on PATH); upstream packages ship one `clickhouse` multi-call binary.
ch_server_cmd() {
  local c
  for c in "$(command -v clickhouse-server || true)" /usr/sbin/clickhouse-server /usr/bin/clickhouse-server; do
    if [[ -n "$c" && -x "$c" ]]; then printf '%s' "$c"; return 0; fi
  done
  for c in "$(command -v clickhouse || true)" /usr/bin/clickhouse; do
    if [[ -n "$c" && -x "$c" ]]; then printf '%s server' "$c"; return 0; fi
  done
  return 1
}

# .complete is written only after mvn succeeded, so an interrupted download is redone.
kafka_libs_ready() { [[ -f "$KAFKA_LIBS/.complete" && -f "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" ]]; }

install_clickhouse() {
  local cmd
  # curl does the readiness checks
  command -v curl >/dev/null || apt_install curl
  if cmd="$(ch_server_cmd)"; then
    log "install: ClickHouse present ($cmd$(dpkg-query -W -f=', package ${Version}' clickhouse-server 2>/dev/null || true))"
    return 0
  fi
  apt_install clickhouse-server
  cmd="$(ch_server_cmd)" || die "clickhouse-server still missing after apt-get install"
  log "install: installed ClickHouse ($cmd, package $(dpkg-query -W -f='${Version}' clickhouse-server))"
}

# Chromium (Debian's) drives the wall-screen browser tests and the latency bench, Noto renders their
# Vietnamese; promtool (Debian's prometheus package) checks and unit-tests the alert rules.
install_tools() {
  if [[ -x /usr/bin/chromium ]] && dpkg -s fonts-noto-core >/dev/null 2>&1; then
    log "install: Chromium present ($(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium))"
  else
    apt_install chromium fonts-noto-core
    [[ -x /usr/bin/chromium ]] || die "/usr/bin/chromium still missing after apt-get install"
    log "install: installed $(/usr/bin/chromium --version 2>/dev/null || echo Chromium) and fonts-noto-core"
  fi
  if command -v promtool >/dev/null; then
    log "install: promtool present"
  else
    apt_install --no-install-recommends prometheus
    command -v promtool >/dev/null || die "promtool still missing after apt-get install prometheus"
    log "install: installed promtool (Debian's prometheus package)"
  fi
}

install_kafka() {
  if kafka_libs_ready; then
    log "install: Kafka $KAFKA_VERSION jars present ($KAFKA_LIBS)"
    return 0
  fi
  command -v java >/dev/null || apt_install openjdk-17-jre-headless
  command -v mvn >/dev/null || apt_install maven
  local t0=$EPOCHREALTIME profile_arg=()
  [[ $KAFKA_PROFILE == kafka4 ]] && profile_arg=(-Pkafka4)
  log "install: resolving Kafka $KAFKA_VERSION from Maven Central into $KAFKA_LIBS"
  rm -rf "$KAFKA_LIBS"
  # mvn -q still prints stray ANSI resets: keep its output in a log, show it only on failure.
  mkdir -p "$DATA/log"
  if ! (cd "$HERE/kafka" && mvn -B -q -Dstyle.color=never "${profile_arg[@]}" \
    -Dkafka.libs.dir="$KAFKA_LIBS" package) >"$DATA/log/mvn.log" 2>&1; then
    tail -n 40 "$DATA/log/mvn.log" >&2
    die "mvn package failed in $HERE/kafka (log: $DATA/log/mvn.log)"
  fi
  [[ -f "$KAFKA_LIBS/kafka_2.13-$KAFKA_VERSION.jar" ]] ||
    die "mvn finished but $KAFKA_LIBS has no kafka_2.13-$KAFKA_VERSION.jar"
  touch "$KAFKA_LIBS/.complete"
  log "install: Kafka $KAFKA_VERSION resolved ($(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars) in $(elapsed "$t0") s"
}

# ---------------------------------------------------------------------------------------------
# readiness

# ClickHouse is ready when /ping answers "Ok." AND a real query runs.
ch_ready() {
  local url="http://$HOST:$CH_HTTP_PORT"
  [[ "$(curl -sf --max-time 2 "$url/ping" 2>/dev/null)" == "Ok." ]] &&
    [[ "$(curl -sf --max-time 5 --data-binary 'SELECT 1' "$url/" 2>/dev/null)" == "1" ]]
}

# Kafka readiness is a real broker round trip (kafka-ready.mjs: kafkajs describeCluster).
# kafka_ready TIMEOUT_S [PID] [--quiet]
kafka_ready() {
  local timeout=$1 pid=${2:-} extra=()
  [[ -n $pid ]] && extra+=(--pid "$pid")
  [[ ${3:-} == --quiet ]] && extra+=(--quiet)
  command -v node >/dev/null || die "node is required for the Kafka readiness check"
  load_kafka_credentials
  # The password goes through the environment: a command line shows in the process list.
  KAFKA_SASL_MECHANISM=scram-sha-512 KAFKA_SASL_USERNAME="$KAFKA_CLIENT_USER" \
    KAFKA_SASL_PASSWORD="$KAFKA_CLIENT_PASSWORD" \
    node "$HERE/kafka-ready.mjs" --brokers "$HOST:$KAFKA_PORT" --timeout "$timeout" "${extra[@]}"
}

is_ready() {
  case "$1" in
    kafka) kafka_ready 3 "" --quiet >/dev/null 2>&1 ;;
    clickhouse) ch_ready ;;
  esac
}

# await SVC T0: waits until SVC is ready (timing from T0), failing fast if its process dies.
await() {
  local svc=$1 t0=$2 pid deadline
  pid="$(pid_of "$svc")" || die "$svc is not running (not started, or it exited at start-up: services.sh logs $svc)"
  case "$svc" in
    kafka)
      if ! kafka_ready "$WAIT_TIMEOUT" "$pid" --quiet; then
        tail -n 30 "$KAFKA_DIR/kafka.log" >&2 || true
        die "kafka not ready (log: $KAFKA_DIR/kafka.log)"
      fi
      log "kafka: ready on $HOST:$KAFKA_PORT (Kafka $(kafka_running_version), pid $pid) in $(elapsed "$t0") s"
      ;;
    clickhouse)
      deadline=$((SECONDS + WAIT_TIMEOUT))
      until ch_ready; do
        if ! kill -0 "$pid" 2>/dev/null; then
          tail -n 30 "$CH_DIR/log/err.log" "$CH_DIR/log/stdout.log" >&2 2>/dev/null || true
          die "clickhouse process $pid exited during start-up (logs: $CH_DIR/log/)"
        fi
        ((SECONDS < deadline)) || die "clickhouse not ready after $WAIT_TIMEOUT s on $HOST:$CH_HTTP_PORT (logs: $CH_DIR/log/)"
        sleep 0.05
      done
      log "clickhouse: ready on http://$HOST:$CH_HTTP_PORT ($(ch_version), pid $pid) in $(elapsed "$t0") s"
      ;;
  esac
}

ch_version() { curl -sf --max-time 2 --data-binary 'SELECT version()' "http://$HOST:$CH_HTTP_PORT/" 2>/dev/null || echo '?'; }
kafka_running_version() { cat "$KAFKA_DIR/version" 2>/dev/null || echo '?'; }

# ---------------------------------------------------------------------------------------------
# start

# launch_* start the process in its own session (setsid) with output in log files, so it
# outlives this script and the test runner; they return without waiting for readiness.

launch_clickhouse() {
  local cmd
  if ! command -v curl >/dev/null || ! ch_server_cmd >/dev/null; then install_clickhouse; fi
  cmd="$(ch_server_cmd)" || die "no clickhouse-server binary found"
  mkdir -p "$CH_DIR"/{data,tmp,log,user_files,format_schemas}
  render "$HERE/clickhouse/config.xml.tmpl" "$CH_DIR/config.xml" \
    @DIR@ "$CH_DIR" @HTTP_PORT@ "$CH_HTTP_PORT" @TCP_PORT@ "$CH_TCP_PORT" @HOST@ "$HOST"
  render_clickhouse_users
  local p
  for p in "$CH_HTTP_PORT" "$CH_TCP_PORT"; do
    ! port_busy "$p" || die "port $HOST:$p is taken by another process (ss -ltnp | grep $p); set COC_LOCAL_CLICKHOUSE_*_PORT"
  done
  LAUNCH_T0=$EPOCHREALTIME
  # shellcheck disable=SC2086 # $cmd may be "clickhouse server" (two words) on purpose
  setsid nohup $cmd --config-file="$CH_DIR/config.xml" >>"$CH_DIR/log/stdout.log" 2>&1 </dev/null &
  printf '%s\n' "$!" >"$(pidfile clickhouse)"
}

# users.xml with the reader's password hash; the password is made once per data dir (never in the repo).
# A running server re-reads users.xml by itself within seconds, so this also serves a running one.
render_clickhouse_users() {
  mkdir -p "$CH_DIR"
  if [[ ! -s $CH_READER_PASSWORD_FILE ]]; then
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '+/=\n' >"$CH_READER_PASSWORD_FILE")
  fi
  local hash
  hash="$(tr -d '\n' <"$CH_READER_PASSWORD_FILE" | sha256sum | cut -d' ' -f1)"
  render "$HERE/clickhouse/users.xml" "$CH_DIR/users.xml" @READER_PASSWORD_SHA256@ "$hash"
}

# Base64url cluster id (22 chars) without a JVM start; never starting with '-' (would look like a flag).
new_cluster_id() {
  local id
  until [[ -n ${id:-} && ${id:0:1} != - ]]; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  done
  printf '%s' "$id"
}

kafka_java_opts() {
  # Same G1 settings as the Kafka tarball's KAFKA_JVM_PERFORMANCE_OPTS, minus -server.
  local -a o extra
  read -r -a o <<<"$KAFKA_HEAP"
  o+=(-XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true)
  read -r -a extra <<<"$KAFKA_JVM_OPTS"
  o+=("${extra[@]}")
  if [[ $KAFKA_PROFILE == kafka4 ]]; then
    o+=("-Dlog4j2.configurationFile=$HERE/kafka/log4j2.properties")
  else
    o+=("-Dlog4j.configuration=file:$HERE/kafka/log4j.properties")
  fi
  printf '%s\n' "${o[@]}"
}

launch_kafka() {
  kafka_libs_ready || install_kafka
  mkdir -p "$KAFKA_DIR"
  if [[ -f "$KAFKA_DIR/data/meta.properties" && -f "$KAFKA_DIR/version" &&
    "$(<"$KAFKA_DIR/version")" != "$KAFKA_VERSION" ]]; then
    die "data dir $KAFKA_DIR was formatted by Kafka $(<"$KAFKA_DIR/version"), now $KAFKA_VERSION: run services.sh reset"
  fi
  # SCRAM users can only be added at format time without a running, authenticating client: a data
  # dir from before SASL holds none, so it is formatted again (local test data; topics are dropped).
  if kafka_predates_scram; then
    log "kafka: $KAFKA_DIR was formatted without SCRAM users; formatting it again (its topics are dropped)"
    rm -rf "$KAFKA_DIR/data"
  fi
  load_kafka_credentials
  # server.properties holds the broker's own password: readable by this user only.
  (
    umask 077
    render "$HERE/kafka/server.properties.tmpl" "$KAFKA_DIR/server.properties" \
      @HOST@ "$HOST" @PORT@ "$KAFKA_PORT" @CONTROLLER_PORT@ "$KAFKA_CONTROLLER_PORT" @LOG_DIRS@ "$KAFKA_DIR/data" \
      @ADMIN_USER@ "$KAFKA_ADMIN_USER" @ADMIN_PASSWORD@ "$KAFKA_ADMIN_PASSWORD"
  )
  local p
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    ! port_busy "$p" || die "port $HOST:$p is taken by another process (ss -ltnp | grep $p); set COC_LOCAL_KAFKA_*PORT"
  done
  local -a jopts
  mapfile -t jopts < <(kafka_java_opts)
  # Java expands the classpath wildcard itself: keep it quoted.
  local cp="$KAFKA_LIBS/*"
  # KRaft storage is formatted once, on first start; later starts reuse the cluster.
  if [[ ! -f "$KAFKA_DIR/data/meta.properties" ]]; then
    local t0=$EPOCHREALTIME id
    id="$(new_cluster_id)"
    # --add-scram has no file form; the passwords are on this one-off command line of the local
    # machine's own user, never in a log (format prints none).
    java "${jopts[@]}" -cp "$cp" kafka.tools.StorageTool format --cluster-id="$id" \
      --config "$KAFKA_DIR/server.properties" \
      --add-scram "SCRAM-SHA-512=[name=$KAFKA_ADMIN_USER,password=$KAFKA_ADMIN_PASSWORD]" \
      --add-scram "SCRAM-SHA-512=[name=$KAFKA_CLIENT_USER,password=$KAFKA_CLIENT_PASSWORD]" \
      >>"$KAFKA_DIR/kafka.log" 2>&1 ||
      { tail -n 20 "$KAFKA_DIR/kafka.log" >&2; die "kafka storage format failed"; }
    printf '%s\n' "$KAFKA_VERSION" >"$KAFKA_DIR/version"
    printf '%s\n' "$KAFKA_ADMIN_USER" "$KAFKA_CLIENT_USER" >"$KAFKA_SCRAM_MARKER"
    log "kafka: formatted KRaft storage (cluster id $id, SCRAM-SHA-512 users $KAFKA_ADMIN_USER, $KAFKA_CLIENT_USER) in $(elapsed "$t0") s"
  fi
  LAUNCH_T0=$EPOCHREALTIME
  setsid nohup java "${jopts[@]}" -cp "$cp" kafka.Kafka "$KAFKA_DIR/server.properties" \
    >>"$KAFKA_DIR/kafka.log" 2>&1 </dev/null &
  printf '%s\n' "$!" >"$(pidfile kafka)"
}

# Set by launch_*: when the server process was started (after any one-off storage format).
LAUNCH_T0=

# start_services SVC...: launch everything first, then wait, so the services boot in parallel.
# Kafka is launched first (slowest) and awaited last, so each "ready in" is launch -> ready.
start_services() {
  local svc pid launch_order=() await_order=()
  declare -A t0=()
  mkdir -p "$DATA"
  for svc in "$@"; do
    if [[ $svc == kafka ]]; then launch_order=(kafka "${launch_order[@]}"); else launch_order+=("$svc"); fi
  done
  for svc in "${launch_order[@]}"; do await_order=("$svc" "${await_order[@]}"); done
  for svc in "${launch_order[@]}"; do
    if [[ $svc == kafka ]] && kafka_predates_scram && pid_of kafka >/dev/null; then
      log "kafka: the running broker has no SCRAM users; stopping it to format its data dir again"
      stop_services kafka
    fi
    if pid="$(pid_of "$svc")"; then
      # a server started before the reader user existed gets it now (users.xml is re-read live)
      [[ $svc == clickhouse ]] && render_clickhouse_users
      if is_ready "$svc"; then
        log "$svc: already running (pid $pid) and ready"
        continue
      fi
      log "$svc: already running (pid $pid), waiting for readiness"
      t0[$svc]=$EPOCHREALTIME
      continue
    fi
    "launch_$svc"
    t0[$svc]=$LAUNCH_T0
  done
  for svc in "${await_order[@]}"; do
    [[ -n ${t0[$svc]:-} ]] && await "$svc" "${t0[$svc]}"
  done
  return 0
}

# ---------------------------------------------------------------------------------------------
# stop / status / logs / reset / env

# stop_services SVC...: SIGTERM to all first (they shut down in parallel), then wait up to
# STOP_TIMEOUT seconds each, then SIGKILL. Not running is not an error.
stop_services() {
  local svc pid t0=$EPOCHREALTIME deadline
  declare -A pids=()
  for svc in "$@"; do
    if pid="$(pid_of "$svc")"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids[$svc]=$pid
    else
      log "$svc: not running"
      rm -f "$(pidfile "$svc")"
    fi
  done
  deadline=$((SECONDS + STOP_TIMEOUT))
  for svc in "$@"; do
    pid=${pids[$svc]:-}
    [[ -n $pid ]] || continue
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      log "$svc: still running after ${STOP_TIMEOUT}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      local kill_deadline=$((SECONDS + 5))
      while kill -0 "$pid" 2>/dev/null && ((SECONDS < kill_deadline)); do sleep 0.1; done
    fi
    rm -f "$(pidfile "$svc")"
    log "$svc: stopped (pid $pid) in $(elapsed "$t0") s"
  done
  return 0
}

# Exit status 0 when every requested service is running and ready, 3 otherwise (LSB convention).
status_services() {
  local svc pid state rc=0 where
  for svc in "$@"; do
    case "$svc" in
      kafka) where="$HOST:$KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT), Kafka $KAFKA_VERSION, log $KAFKA_DIR/kafka.log" ;;
      clickhouse) where="http://$HOST:$CH_HTTP_PORT (native $CH_TCP_PORT), log $CH_DIR/log/" ;;
    esac
    if pid="$(pid_of "$svc")"; then
      if is_ready "$svc"; then
        state=ready
      elif [[ $svc == kafka ]] && kafka_predates_scram; then
        state="running, NO SCRAM users (start formats it again)"
        rc=3
      else
        state="running, NOT ready"
        rc=3
      fi
      printf '%-10s %-18s pid %-8s %s\n' "$svc" "$state" "$pid" "$where"
    else
      printf '%-10s %-18s %-12s %s\n' "$svc" stopped - "$where"
      rc=3
    fi
  done
  return "$rc"
}

show_logs() {
  local svc=$1 lines=$2 f
  case "$svc" in
    kafka) set -- "$KAFKA_DIR/kafka.log" ;;
    clickhouse) set -- "$CH_DIR/log/err.log" "$CH_DIR/log/server.log" "$CH_DIR/log/stdout.log" ;;
  esac
  for f in "$@"; do
    [[ -f $f ]] || continue
    printf '==> %s <==\n' "$f"
    tail -n "$lines" "$f"
  done
}

reset_all() {
  stop_services kafka clickhouse
  # Delete only what this script creates: COC_LOCAL_DIR may point at a shared directory.
  rm -rf "$KAFKA_DIR" "$CH_DIR" "$DATA/log" "$(pidfile kafka)" "$(pidfile clickhouse)"
  rmdir "$DATA" 2>/dev/null || true
  log "reset: deleted local service data in $DATA"
}

# Sets SVCS from the optional service argument (no subshell, so a bad name really exits).
SVCS=()
parse_svcs() {
  case "${1:-all}" in
    all) SVCS=(clickhouse kafka) ;;
    kafka | clickhouse) SVCS=("$1") ;;
    *) die "unknown service '$1' (kafka | clickhouse | all)" ;;
  esac
}

usage() {
  sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

main() {
  local cmd=${1:-}
  shift || true
  case "$cmd" in
    install)
      if [[ ${1:-} == tools ]]; then
        install_tools
        return
      fi
      parse_svcs "${1:-all}"
      local svc
      for svc in "${SVCS[@]}"; do "install_$svc"; done
      ;;
    start)
      parse_svcs "${1:-all}"
      start_services "${SVCS[@]}"
      ;;
    wait)
      parse_svcs "${1:-all}"
      local svc
      for svc in "${SVCS[@]}"; do await "$svc" "$EPOCHREALTIME"; done
      ;;
    stop)
      parse_svcs "${1:-all}"
      stop_services "${SVCS[@]}"
      ;;
    status)
      parse_svcs "${1:-all}"
      status_services "${SVCS[@]}"
      ;;
    logs)
      parse_svcs "${1:-all}"
      local svc
      for svc in "${SVCS[@]}"; do show_logs "$svc" "${2:-50}"; done
      ;;
    reset) reset_all ;;
    env)
      load_kafka_credentials
      printf 'export KAFKA_BROKERS=%s:%s\n' "$HOST" "$KAFKA_PORT"
      printf 'export KAFKA_SASL_MECHANISM=scram-sha-512\n'
      printf 'export KAFKA_SASL_USERNAME=%s\n' "$KAFKA_CLIENT_USER"
      printf 'export KAFKA_SASL_PASSWORD=%s\n' "$KAFKA_CLIENT_PASSWORD"
      printf 'export CLICKHOUSE_URL=http://%s:%s\n' "$HOST" "$CH_HTTP_PORT"
      # coc-gateway's read-only user: known once the server was started from this data dir
      if [[ -s $CH_READER_PASSWORD_FILE ]]; then
        printf 'export CLICKHOUSE_READER_USER=%s\n' "$CH_READER_USER"
        printf 'export CLICKHOUSE_READER_PASSWORD=%s\n' "$(<"$CH_READER_PASSWORD_FILE")"
      fi
      ;;
    -h | --help | help | '') usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
