#!/usr/bin/env bash
# Runs the connector locally: Azurite, the standalone host on http://127.0.0.1:7071, the virtual terminal
# (sample terminals VT-0001..VT-0003, browser page on http://127.0.0.1:7072) and the callback inspector
# (http://127.0.0.1:7073). Ctrl-C stops everything within seconds.
#   --reset   wipe the local storage (.azurite) first: no old payments, alerts or terminals survive.
#   --listen  print every terminal command as it arrives, with its JSON, including those left on the queue for a
#             serial the virtual terminal does not simulate (your own device: docs/terminal-integration.md).
set -euo pipefail
cd "$(dirname "$0")/.."

ports=(7071 7072 7073 10000 10001 10002)
names=(connector "terminal page" "callback inspector" "Azurite blob" "Azurite queue" "Azurite table")

reset=false
terminal_args=()
for arg in "$@"; do
  case "$arg" in
    --reset) reset=true ;;
    --listen) terminal_args+=(--VirtualTerminal:Listen=true) ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-local.sh: unknown option '$arg' (use --reset, --listen or --help)" >&2; exit 2 ;;
  esac
done

# A port that accepts a connection is taken (often by a run-local.sh that is still up).
busy=()
for i in "${!ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/${ports[$i]}") 2>/dev/null; then busy+=("${ports[$i]} (${names[$i]})"); fi
done
if [ ${#busy[@]} -gt 0 ]; then
  echo "run-local.sh: these ports are already in use: ${busy[*]}." >&2
  echo "Is another run-local.sh running? Stop it with Ctrl-C, or find the owner with: ss -ltnp | grep -E ':(7071|7072|7073|1000[0-2]) '" >&2
  exit 1
fi

if $reset; then
  rm -rf .azurite
  echo "Local storage wiped (.azurite): payments, audit trails, alerts and terminal registrations are gone."
fi

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
for project in PosConnector.Standalone PosConnector.VirtualTerminal PosConnector.CallbackInspector; do
  dotnet build "$project" --nologo -v quiet -c Debug
done

started=$(date +%s)
pids=()
# $1 = INT when Ctrl-C already signalled the terminal's whole group: Azurite (pids[0]) stops on it, and a second
# signal only makes it log errors; the .NET apps get SIGTERM anyway (a background job may ignore SIGINT).
stop() {
  trap - EXIT INT TERM
  local from now
  from=$(date +%s)
  echo; echo "Stopping..."
  if [ "${1:-}" = INT ]; then kill -TERM "${pids[@]:1}" 2>/dev/null || true; else kill -TERM "${pids[@]}" 2>/dev/null || true; fi
  # Wait up to 10 s for a clean stop, then force whatever is left.
  for _ in $(seq 1 100); do
    kill -0 "${pids[@]}" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  now=$(date +%s)
  echo "Stopped in $((now - from)) s."
}
trap 'stop INT; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

mkdir -p .azurite
node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck --loose --location .azurite &
pids+=($!)
# The connector creates its tables at start: wait for Azurite first (slow on a loaded machine).
for _ in $(seq 1 600); do
  (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/10001) 2>/dev/null && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "run-local.sh: Azurite stopped during start (see above)." >&2; exit 1; }
  sleep 0.1
done

export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
# Each app runs from its output folder (its appsettings.json); exec keeps $! the app's own pid.
start_app() { (cd "$1/bin/Debug/net10.0" && exec dotnet "$1.dll" "${@:2}") & pids+=($!); }
start_app PosConnector.Standalone --urls http://127.0.0.1:7071
start_app PosConnector.VirtualTerminal ${terminal_args[@]+"${terminal_args[@]}"}
start_app PosConnector.CallbackInspector

ready() {
  curl -fs -o /dev/null http://127.0.0.1:7071/api/health &&
  curl -fs -o /dev/null http://127.0.0.1:7072/api/board &&
  curl -fs -o /dev/null http://127.0.0.1:7073/callbacks
}
for _ in $(seq 1 600); do
  ready && break
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "run-local.sh: a process stopped during start (see its log above)." >&2; exit 1; }
  done
  sleep 0.1
done
ready || { echo "run-local.sh: not ready after 60 s." >&2; exit 1; }

cat <<INFO

PosConnector is ready ($(( $(date +%s) - started )) s):
  connector           http://127.0.0.1:7071/api   (manifest: /api/manifest, health: /api/health)
  terminal page       http://127.0.0.1:7072       (VT-0001..3; tick "manual" to approve or decline by hand)
  callback inspector  http://127.0.0.1:7073       (callbackUrl: http://127.0.0.1:7073/callback)
  operator console    http://127.0.0.1:7071/api/admin/console   (find payments, attention, terminals; the admin key below)
  merchant creds      X-VTEX-API-AppKey: vtexappkey-local / X-VTEX-API-AppToken: local-merchant-app-token
  admin key           X-Admin-Key: local-admin-key-0123456789
  automatic terminals answer by cents: 01 decline, 02 silent, 03 late, 04 fail, else approve
  try a payment       bash scripts/pay.sh 31.90 VT-0001   (or --decline, --timeout, --late, --fail, --callback-fails)
  your own terminal   register its serial (docs/terminal-integration.md, "Try it locally"); --listen shows its commands
Press Ctrl-C to stop.
INFO

# Stop everything when any process ends (or on Ctrl-C, through the trap).
wait -n "${pids[@]}" || true
echo "run-local.sh: a process stopped; stopping the others." >&2
exit 1
