#!/usr/bin/env bash
# Mutation testing of the pure rules (decider, answers, security, signatures, backoff, orchestration policy) with
# Stryker.NET, a local dotnet tool. It runs the unit and property tests only: the end-to-end suite kills mutants
# too, but costs a fresh Azurite per mutant. Report: StrykerOutput/<date>/reports/mutation-report.html.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
cd PosConnector.Core
dotnet stryker -f ../stryker-config.json --test-case-filter "FullyQualifiedName~PosConnector.Functions.Tests.Unit" "$@"
