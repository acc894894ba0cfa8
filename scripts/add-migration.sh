#!/usr/bin/env bash
# Adds a migration for both providers: ./add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: $0 <MigrationName>}"
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project src/IdP.Server --context SqliteIdPDbContext --output-dir Data/Migrations/Sqlite
dotnet ef migrations add "$name" --project src/IdP.Server --context PostgreSqlIdPDbContext --output-dir Data/Migrations/PostgreSql
