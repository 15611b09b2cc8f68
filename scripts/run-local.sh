#!/usr/bin/env bash
# Runs the connector locally: Azurite, the standalone host on http://127.0.0.1:7071 and the virtual terminal,
# which registers its sample terminals (VT-0001..VT-0003) through the admin API. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
dotnet build PosConnector.sln --nologo -v quiet

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

mkdir -p .azurite
node_modules/.bin/azurite --silent --skipApiVersionCheck --loose --location .azurite --debug .azurite/debug.log &
pids+=($!)

export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
dotnet run --no-build --project PosConnector.Standalone --urls http://127.0.0.1:7071 &
pids+=($!)
dotnet run --no-build --project PosConnector.VirtualTerminal &
pids+=($!)

cat <<'INFO'
PosConnector is starting:
  connector        http://127.0.0.1:7071/api   (manifest: /api/manifest, health: /api/health)
  merchant creds   X-VTEX-API-AppKey: vtexappkey-local / X-VTEX-API-AppToken: local-merchant-app-token
  admin key        X-Admin-Key: local-admin-key-0123456789
  terminals        VT-0001, VT-0002, VT-0003 (virtual; cents 01 decline, 02 silent, 03 late, 04 fail)
Press Ctrl-C to stop.
INFO
wait -n
