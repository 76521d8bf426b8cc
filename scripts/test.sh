#!/usr/bin/env bash
# Sets everything up (system packages, pgvector, the local cluster) and runs the whole test suite.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bash "$ROOT/scripts/setup.sh"
# Tests always use the project's own cluster, even when the app is pointed at an external database.
ConnectionStrings__Soundscape="" bash "$ROOT/scripts/db.sh"
cd "$ROOT"
dotnet build Soundscape.sln -c Release -nologo -clp:ErrorsOnly
# Test projects run one after another: they share the machine's two cores and one PostgreSQL.
dotnet test Soundscape.sln -c Release --no-build -nologo -m:1 "$@"
