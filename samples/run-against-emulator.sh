#!/usr/bin/env bash
# Runs samples/Worker, samples/Console and samples/Cluster, built from the packed packages, against `vklp emulate`, and
# checks what they received: the worker stores every message exactly once across a restart and stops cleanly on SIGTERM
# with its checkpoint committed; the console app prints the messages and stops cleanly too; the cluster silo stores every
# message exactly once across a restart, in the sample's embedded store (`Cluster.dll store`, Garnet) or, with
# VKLP_STORE=redis, in a redis-server started here.
# Usage: samples/run-against-emulator.sh VKLP   (VKLP: the vklp command, e.g. the tool installed from the packages)
# The samples must be restored and built already (dotnet build samples/Worker; samples/Console; samples/Cluster).
set -euo pipefail
vklp=${1:?usage: $0 VKLP}
samples=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
emulator="" worker="" console="" silo="" store="" redis_port=""
cleanup() {
  for pid in $silo $store $console $worker $emulator; do kill "$pid" 2>/dev/null || true; done
  [ -n "$redis_port" ] && redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "samples: $*" >&2; for f in "$work"/*.log; do echo "--- $f" >&2; tail -20 "$f" >&2; done; exit 1; }

# Waits up to 60 s for a command to succeed.
wait_for() {
  local what=$1; shift
  for _ in $(seq 300); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  fail "timed out waiting for $what"
}

"$vklp" emulate --env-file "$work/emulator.env" > "$work/emulator.log" 2>&1 &
emulator=$!
wait_for "the emulator" test -s "$work/emulator.env"
# shellcheck disable=SC1091
. "$work/emulator.env"
send() { curl -sf --cacert "$CA" "$CONTROL/send" -H 'content-type: application/json' -d "{\"text\":\"$1\"}" > /dev/null; }

# --- The worker: configuration from the environment, as a deployment would give it.
worker_dir="$samples/Worker/bin/Debug/net10.0"
export VkLongPoll__ApiBaseUrl="$API_URL" VkLongPoll__TrustedCertificatePath="$CA" VkLongPoll__Accounts__main__AccessToken="$TOKEN"
export Database="$work/messages.db"
list() { (cd "$worker_dir" && dotnet Worker.dll list); }
stored() { [ "$(list | grep -c '^message ')" -ge "$1" ]; }
start_worker() {
  (cd "$worker_dir" && exec dotnet Worker.dll) > "$work/worker-$1.log" 2>&1 &
  worker=$!
  wait_for "the worker to poll" grep -q "Long Poll session main" "$work/worker-$1.log"
}
stop_worker() {
  kill -TERM "$worker"
  local status=0
  wait "$worker" || status=$?
  worker=""
  [ "$status" -eq 0 ] || fail "the worker exited with $status on SIGTERM"
  grep -q "VK Long Poll account main stopped at ts" "$work/worker-$1.log" || fail "the worker did not stop cleanly"
}

start_worker 1
send "one"; send "two"; send "three"
wait_for "three stored messages" stored 3
stop_worker 1

# While it is down: these come on the next start; nothing before them comes again (the table's key would refuse it).
send "four"; send "five"
start_worker 2
wait_for "five stored messages" stored 5
stop_worker 2
texts=$(list | sed -n 's/^message main [0-9]*: //p' | tr '\n' ' ')
[ "$texts" = "one two three four five " ] || fail "the worker stored: $texts"
list | grep -q "^checkpoint main: " || fail "no checkpoint committed"
unset VkLongPoll__ApiBaseUrl VkLongPoll__TrustedCertificatePath VkLongPoll__Accounts__main__AccessToken Database

# --- The console app.
VK_TOKEN="$TOKEN" VK_API_URL="$API_URL" VK_CA="$CA" dotnet "$samples/Console/bin/Debug/net10.0/Console.dll" > "$work/console.log" 2> "$work/console-status.log" &
console=$!
wait_for "the console app to poll" grep -q "started at ts" "$work/console-status.log"
send "hello"; send "world"
wait_for "the console app to print both" grep -q ": world" "$work/console.log"
kill -TERM "$console"
status=0; wait "$console" || status=$?; console=""
[ "$status" -eq 0 ] || fail "the console app exited with $status on SIGTERM"
grep -q "stopped" "$work/console.log" || fail "the console app did not stop cleanly"
[ "$(grep -c ': hello$\|: world$' "$work/console.log")" -eq 2 ] || fail "the console app printed: $(cat "$work/console.log")"

# --- The cluster silo (VkLongPoll.Orleans): Redis for membership, reminders, checkpoints and the stored messages.
cluster_dir="$samples/Cluster/bin/Debug/net10.0"
port=$((20000 + RANDOM % 20000))
export REDIS="127.0.0.1:$port" VK_TOKEN="$TOKEN" VK_API_URL="$API_URL" VK_CA="$CA"
export SILO_PORT=$((port + 1)) GATEWAY_PORT=$((port + 2))
if [ "${VKLP_STORE:-garnet}" = redis ]; then
  redis_port=$port
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$work/redis.pid" --logfile "$work/redis.log" > /dev/null || fail "redis-server did not start"
  store_name="redis-server"
else
  (cd "$cluster_dir" && exec dotnet Cluster.dll store) > "$work/store.log" 2>&1 &
  store=$!
  store_name="the embedded store, Garnet"
fi
messages() { (cd "$cluster_dir" && dotnet Cluster.dll list); }
wait_for "$store_name" messages
has_message() { messages | grep -q ": $1\$"; }
start_silo() {
  (cd "$cluster_dir" && exec dotnet Cluster.dll) > "$work/silo-$1.log" 2>&1 &
  silo=$!
  wait_for "the silo to run the account" grep -q "VK account main is running" "$work/silo-$1.log"
}
stop_silo() {
  kill -TERM "$silo"
  local status=0
  wait "$silo" || status=$?
  silo=""
  [ "$status" -eq 0 ] || fail "the silo exited with $status on SIGTERM"
}
start_silo 1
# A new account starts from the moment its session first polls: knock until it answers, then count from there.
for _ in $(seq 60); do send "knock"; sleep 1; has_message knock && break; done
has_message knock || fail "the silo stored nothing"
send "alpha"; send "beta"
wait_for "alpha and beta in Redis" has_message beta
stop_silo
send "gamma"
start_silo 2
wait_for "gamma in Redis" has_message gamma
stop_silo
texts=$(messages | grep -v ': knock$' | sed -n 's/^message main [0-9]*: //p' | tr '\n' ' ')
[ "$texts" = "alpha beta gamma " ] || fail "the cluster silo stored: $texts"
[ "$(messages | sort | uniq -d | wc -l)" -eq 0 ] || fail "the cluster silo stored a message twice"

echo "samples: the cluster silo stored 3 messages exactly once across a restart ($store_name)"
echo "samples: the worker stored 5 messages exactly once across a restart and stopped cleanly twice with its checkpoint committed; the console app printed 2 messages and stopped cleanly"
