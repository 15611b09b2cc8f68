#!/usr/bin/env bash
# The kill -9 soak at full size: 200 payments at concurrency 20, the standalone host SIGKILLed 5 times; prints the counts.
# Override with POS_CRASH_PAYMENTS / POS_CRASH_CONCURRENCY / POS_CRASH_KILLS. CI runs the same test at 40 / 8 / 3.
# POS_OUTAGE_SECONDS=60 bash scripts/crash-soak.sh outage   runs the storage-outage test with a 60 s outage instead.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x node_modules/.bin/azurite ] || npm ci --silent
export POS_CRASH_PAYMENTS="${POS_CRASH_PAYMENTS:-200}" POS_CRASH_CONCURRENCY="${POS_CRASH_CONCURRENCY:-20}" POS_CRASH_KILLS="${POS_CRASH_KILLS:-5}"
filter='*HostKilledRepeatedly*'
[ "${1:-}" = outage ] && filter='*StorageDownLongerThanTheSdkRetries*'
dotnet build PosConnector.Standalone.Tests -c Release -v quiet --nologo
export POS_CRASH_SUMMARY="${POS_CRASH_SUMMARY:-/dev/stderr}"
dotnet test --project PosConnector.Standalone.Tests -c Release --no-build -- --filter-method "$filter" --output Detailed
