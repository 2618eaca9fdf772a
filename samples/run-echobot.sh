#!/usr/bin/env bash
# Runs samples/EchoBot, built from the packed packages, against `VKLP emulate`'s community while 200 messages arrive, and
# kills it with SIGKILL at random moments ten times (each time starting it again from its checkpoints); then checks the
# emulator's record of what the community sent: exactly one "echo: mN" for each message mN, none twice, none missing.
# Usage: samples/run-echobot.sh VKLP   (VKLP: the vklp command; samples/EchoBot must be built already)
set -euo pipefail
vklp=${1:?usage: $0 VKLP}
samples=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
emulator="" bot="" sender=""
cleanup() {
  for pid in $sender $bot $emulator; do kill -9 "$pid" 2>/dev/null || true; done
  [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "echobot: $*" >&2; for f in "$work"/*.log; do echo "--- $f" >&2; tail -15 "$f" >&2; done; exit 1; }
wait_for() {
  local what=$1; shift
  for _ in $(seq 600); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  fail "timed out waiting for $what"
}

"$vklp" emulate --env-file "$work/emulator.env" > "$work/emulator.log" 2>&1 &
emulator=$!
wait_for "the emulator" test -s "$work/emulator.env"
# shellcheck disable=SC1091
. "$work/emulator.env"
journal() { curl -sf --cacert "$CA" "$CONTROL/community_journal"; }
replies() { journal | grep -o '"text":"echo: m[0-9]*"' || true; }
# A function, so each try counts again (the arguments of wait_for are expanded once).
all_answered() { [ "$(replies | sort -u | wc -l)" -ge 200 ]; }

bot_dir="$samples/EchoBot/bin/Debug/net10.0"
export VkLongPoll__ApiBaseUrl="$API_URL" VkLongPoll__TrustedCertificatePath="$CA" \
  VkLongPoll__Accounts__bot__AccessToken="$COMMUNITY_TOKEN" VkLongPoll__Accounts__bot__GroupId="$COMMUNITY_ID" \
  Database="$work/echobot.db"
runs=0
start_bot() {
  runs=$((runs + 1))
  (cd "$bot_dir" && exec dotnet EchoBot.dll) > "$work/bot-$runs.log" 2>&1 &
  bot=$!
}

start_bot
wait_for "the bot to poll" grep -q "Long Poll session bot" "$work/bot-1.log"

# 200 messages from the community's subscribers, while the bot is killed and started again.
(
  for i in $(seq 200); do
    curl -sf --cacert "$CA" "$CONTROL/community_message" -H 'content-type: application/json' -d "{\"text\":\"m$i\"}" > /dev/null
    sleep 0.02
  done
) > "$work/sender.log" 2>&1 &
sender=$!
for kill in $(seq 10); do
  sleep "0.$((RANDOM % 9 + 1))"
  kill -9 "$bot" 2>/dev/null || true
  wait "$bot" 2>/dev/null || true
  start_bot
done
wait "$sender" || fail "sending the messages failed"
sender=""

# Every message answered: 200 distinct replies, then a moment more in which no second one may come.
wait_for "200 replies" all_answered
sleep 2
kill -TERM "$bot"; wait "$bot" || true; bot=""
all=$(replies | wc -l)
distinct=$(replies | sort -u | wc -l)
[ "$distinct" -eq 200 ] || fail "$distinct distinct replies to 200 messages"
[ "$all" -eq 200 ] || fail "$all replies to 200 messages: $((all - distinct)) sent twice"
for i in 1 77 200; do replies | grep -qx "\"text\":\"echo: m$i\"" || fail "no reply to m$i"; done
echo "echobot: 200 messages, the bot killed with SIGKILL 10 times ($runs runs): 200 replies, each message answered exactly once"
