#!/usr/bin/env bash
# Runs every test: each test project in PosConnector.sln (Domain, Core, Standalone, Functions, VirtualTerminal,
# ConformanceKit: unit, property, Azurite integration, end-to-end over loopback HTTP including the conformance kit
# against the standalone host, infra (Bicep)), and the browser terminal and operator console in
# headless Chromium (scripts/test-browser.sh; needs Debian's `chromium` package).
# Installs what it needs first (Azurite from package.json, NuGet packages). Tests that use storage start their own Azurite.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
dotnet restore PosConnector.sln --nologo -v quiet
dotnet build PosConnector.sln --nologo --no-restore -v quiet -c Release

results=$(mktemp -d)
set +e
dotnet test --solution PosConnector.sln --no-build -c Release --results-directory "$results" 2>&1 | tee "$results/console.txt"
status=${PIPESTATUS[0]}
bash scripts/test-browser.sh --no-build 2>&1 | tee "$results/browser.txt"
browser_status=${PIPESTATUS[0]}
set -e
[ "$browser_status" = 0 ] || status=$browser_status

# One plain closing line for CI: "N passed, N failed". dotnet test prints one summary for all the test projects.
passed=$( (grep -hoE 'succeeded: [0-9]+' "$results/console.txt"; grep -hoE '^ℹ pass [0-9]+' "$results/browser.txt" | sed 's/ℹ pass/x/') | awk '{s+=$2} END {print s+0}')
failed=$( (grep -hoE 'failed: [0-9]+' "$results/console.txt"; grep -hoE '^ℹ fail [0-9]+' "$results/browser.txt" | sed 's/ℹ fail/x/') | awk '{s+=$2} END {print s+0}')
echo "${passed} passed, ${failed} failed"
exit "$status"
