#!/usr/bin/env bash
# Regenerates docs/openapi.json from the code: starts the real host in Development (with its own Azurite) and
# writes the document it serves at /openapi/v1.json. Commit the result; the test suite fails while they differ.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
POSCONNECTOR_UPDATE_OPENAPI=1 dotnet test --project PosConnector.Standalone.Tests -c Release -- \
  --filter-method '*ApiDocumentTests.Document_EqualsTheCommittedCopy'
git --no-pager diff --stat -- docs/openapi.json
