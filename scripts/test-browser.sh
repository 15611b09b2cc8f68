#!/usr/bin/env bash
# Browser tests of the virtual terminal page and the operator console in headless Chromium: the system browser (Debian's `chromium`,
# /usr/bin/chromium or CHROMIUM_PATH) driven by playwright-core from package.json; no browser is downloaded.
# Starts its own Azurite, connector, virtual terminal and callback inspector on free loopback ports.
#   --no-build   use the Release build already made (scripts/test.sh builds the solution first)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "test-browser.sh: Chromium not found at ${CHROMIUM_PATH:-/usr/bin/chromium}; install it with: apt-get install -y chromium" >&2
  exit 1
fi
node -e "require.resolve('playwright-core')" 2>/dev/null || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error

if [ "${1:-}" != "--no-build" ]; then
  for project in PosConnector.Standalone PosConnector.VirtualTerminal PosConnector.CallbackInspector; do
    dotnet build "$project" --nologo -v quiet -c Release
  done
fi

export BROWSER_TEST_SCREENSHOTS="${BROWSER_TEST_SCREENSHOTS:-$PWD/TestResults/browser}"
mkdir -p "$BROWSER_TEST_SCREENSHOTS"
node --test --test-reporter=spec tests/browser/*.test.js
