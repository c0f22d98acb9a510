#!/usr/bin/env bash
# Adds a migration to one module's DbContext for both database providers:
#   tools/add-migration.sh modules/SaferBcp.Pages PagesDbContext AddSummary
# Each provider keeps its own set (Migrations/Sqlite, Migrations/Postgres; see docs/deployment.md).
# EF's scaffolder writes the model snapshot over any file of the same name in the project, so the other
# provider's snapshot is set aside while one provider's migration is made.
set -euo pipefail
cd "$(dirname "$0")/.."
project=$1 context=$2 name=$3
root=$(basename "$project")   # the project's root namespace, e.g. SaferBcp.Pages
dotnet tool restore >/dev/null
dotnet build "$project" -v q >/dev/null
for provider in Sqlite Postgres; do
  other=$([ "$provider" = Sqlite ] && echo Postgres || echo Sqlite)
  aside="$project/Migrations/$other/${context}ModelSnapshot.cs"
  mv "$aside" "$aside.aside"
  trap 'mv "$aside.aside" "$aside" 2>/dev/null || true' EXIT
  dotnet ef migrations add "$name" --project "$project" --context "$context" \
    --output-dir "Migrations/$provider" --namespace "$root.Migrations.$provider" -- --provider "$provider"
  mv "$aside.aside" "$aside"
  trap - EXIT
done
