#!/usr/bin/env bash
# Mutation testing of the pure rules (decider, answers, attention and terminal-claim rules, card data, signatures,
# backoff, Create Payment validation) in PosConnector.Domain with Stryker.NET, a local dotnet tool, against
# PosConnector.Domain.Tests (unit and property tests; no Azurite, so each mutant costs only those).
# The orchestration policy now lives in the Functions host and is not mutated here.
# Report: StrykerOutput/<date>/reports/mutation-report.html.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
cd PosConnector.Domain
dotnet stryker -f ../stryker-config.json "$@"
