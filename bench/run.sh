#!/usr/bin/env bash
# The benchmark in one command (bench/README.md): builds Release, starts the IdP on a throwaway PostgreSQL cluster with
# seeded accounts and node oidc-provider beside it, measures both, and writes bench/results/<date>-<commit>.md.
#
#   bench/run.sh                     full run: 100,000 accounts, concurrency 1 8 32 128 (hash paths 1 8 32), open loop at
#                                    half of each non-hash path's peak; about 7-8 minutes
#   bench/run.sh --accounts 1000000  the scale run (seeding takes a few minutes more)
#   bench/run.sh --smoke             a second per part, 2,000 accounts, c=4; checks the harness works (.ci/run)
#   bench/run.sh --million           the full run with 1,000,000 accounts
#   bench/run.sh --soak              5 minutes of mixed load; the server's memory sampled every 10 s, pass when flat (±10 %)
#   options: --seconds S (measured window per point), --levels "1 8 32 128", --hash-levels "1 8 32" (sign-in and reset;
#            by default the levels up to 32), --out FILE, --keep (leave the work folder),
#            --no-build (use the last Release build), --server-dir DIR (another build of the server, e.g. a baseline
#            commit's, for before/after numbers), --label TEXT (what the server build is, for the results' header),
#            --paths "discovery jwks client-credentials signin refresh reset" (measure only these; all by default),
#            --soak-seconds S (length of a soak, 300 by default; shorter only to check the mechanics)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

smoke=0; soak=0; soak_seconds=300; accounts_set=0; hash_levels=""; paths="discovery jwks client-credentials signin refresh reset"; accounts=100000; seconds=5; warmup=1; levels="1 8 32 128"; out=""; label=""; keep=0; build=1; server_dir="src/IdP.Server/bin/Release/net10.0"
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1; accounts=2000; seconds=1; warmup=1; levels="4";;
    --accounts) accounts="$2"; accounts_set=1; shift;;
    --million) accounts=1000000; accounts_set=1;;
    --soak) soak=1;;
    --soak-seconds) soak=1; soak_seconds="$2"; shift;;
    --paths) paths="$2"; shift;;
    --seconds) seconds="$2"; shift;;
    --levels) levels="$2"; shift;;
    --hash-levels) hash_levels="$2"; shift;;
    --out) out="$2"; shift;;
    --keep) keep=1;;
    --no-build) build=0;;
    --server-dir) server_dir="$2"; shift;;
    --label) label="$2"; shift;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
  shift
done

# The hash-bound paths (sign-in, reset) skip levels above 32 unless --hash-levels names them (bench/README.md: at
# c = 128 a fair window is over a minute per path for a point that shows only the queue).
if [ -z "$hash_levels" ]; then
  for c in $levels; do if [ "$c" -le 32 ]; then hash_levels="$hash_levels $c"; fi; done
  hash_levels="${hash_levels# }"
fi

# A soak needs accounts for its sign-ins and resets, not a table of 100,000 (lookups at scale are the full run's).
if [ "$soak" -eq 1 ] && [ "$accounts_set" -eq 0 ]; then accounts=20000; fi
want() { [[ " $paths " == *" $1 "* ]]; }

for tool in dotnet node npm wrk; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool (wrk: apt-get install wrk)" >&2; exit 2; }
done
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$pg_bin/initdb" ] || { echo "bench/run.sh needs PostgreSQL server binaries under /usr/lib/postgresql" >&2; exit 2; }

started="$(date +%s)"
log() { printf '[%4ss] %s\n' "$(( $(date +%s) - started ))" "$*" >&2; }

work="$(mktemp -d /tmp/idp-bench-XXXXXX)"
pids=()
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$work"; as_pg=(runuser -u postgres --); fi
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -f "$work/pg/PG_VERSION" ]; then "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  if [ "$keep" -eq 0 ]; then rm -rf "$work"; else echo "kept $work" >&2; fi
}
trap cleanup EXIT

if [ "$build" -eq 1 ]; then
  log "building Release"
  dotnet build -c Release -v q -nologo src/IdP.Server/IdP.Server.csproj >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
  dotnet build -c Release -v q -nologo bench/LoadGen/IdP.LoadGen.csproj >>"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
fi
[ -d bench/peer/node_modules/oidc-provider ] || (cd bench/peer && npm ci --silent --no-audit --no-fund)
gen=(dotnet bench/LoadGen/bin/Release/net10.0/IdP.LoadGen.dll)

log "starting PostgreSQL (throwaway cluster, as the tests start theirs)"
read -r pg_port idp_port peer_port smtp_port <<<"$("${gen[@]}" ports --count 4 | tr '\n' ' ')"
"${as_pg[@]}" "$pg_bin/initdb" -D "$work/pg" -U idp -A trust -E UTF8 --no-sync >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w start \
  -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
pg_pid="$(head -n 1 "$work/pg/postmaster.pid")"
"$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U idp -d postgres -qc 'CREATE DATABASE idp' >/dev/null
connection="Host=127.0.0.1;Port=$pg_port;Username=idp;Database=idp"

base="http://127.0.0.1:$idp_port"
admin_secret="bench-admin-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
log "starting the IdP on $base"
ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$base" AllowedHosts=127.0.0.1 \
  ConnectionStrings__IdP="$connection;Maximum Pool Size=200" IdP__Database__Provider=PostgreSQL \
  IdP__Limits__JourneyStarts__PerAddress=100000000 IdP__Limits__JourneyStarts__PerNetwork=100000000 IdP__Limits__RunNowStarts__PerAddress=100000000 IdP__Limits__RunNowStarts__PerNetwork=100000000 IdP__Limits__SignInAttempts__PerAddress=100000000 IdP__Limits__SignInAttempts__PerNetwork=100000000 IdP__Limits__ResetCodeSends__PerAddress=100000000 IdP__Limits__ResetCodeSends__PerNetwork=100000000 IdP__Limits__ResetCodeGuesses__PerAddress=100000000 IdP__Limits__ResetCodeGuesses__PerNetwork=100000000 IdP__Limits__TokenRequests__PerAddress=100000000 IdP__Limits__TokenRequests__PerNetwork=100000000 IdP__Limits__AdminAuthentication__PerAddress=100000000 IdP__Limits__AdminAuthentication__PerNetwork=100000000 \
  IdP__Server__RequireHttps=false IdP__Admin__ClientId=bench-admin IdP__Admin__ClientSecret="$admin_secret" \
  IdP__Email__Smtp__Host=127.0.0.1 IdP__Email__Smtp__Port="$smtp_port" IdP__Email__Smtp__Security=None \
  dotnet "$server_dir/IdP.Server.dll" >"$work/idp.log" 2>&1 &
idp_pid=$!; pids+=("$idp_pid")

log "starting node oidc-provider on port $peer_port"
node bench/peer/server.mjs "$peer_port" bench-daemon bench-peer-secret https://bench.test/api >"$work/peer.log" 2>&1 &
peer_pid=$!; pids+=("$peer_pid")

"${gen[@]}" wait --url "$base/contoso/B2C_1_signin/discovery/v2.0/keys" --timeout 180 || { cat "$work/idp.log"; exit 1; }
"${gen[@]}" wait --url "http://127.0.0.1:$peer_port/jwks" --timeout 30 || { cat "$work/peer.log"; exit 1; }

mkdir -p bench/results
if [ -z "$out" ]; then out="bench/results/$(date -u +%Y-%m-%dT%H%MZ)-$(git rev-parse --short HEAD)$([ "$smoke" -eq 1 ] && echo -smoke || true)$([ "$soak" -eq 1 ] && echo -soak || true).md"; fi
mkdir -p "$(dirname "$out")"
results="${out%.md}.jsonl"
: >"$results"

daemon_secret="$("${gen[@]}" setup --base "$base" --admin-id bench-admin --admin-secret "$admin_secret")"

# Lookups at 1,000 accounts first, then at the full size: the same queries, so flat means the index carries them.
log "seeding 1,000 accounts, timing the lookups"
"${gen[@]}" seed --connection "$connection" --accounts 1000
"${gen[@]}" lookups --connection "$connection" --rounds "$([ $smoke -eq 1 ] && echo 200 || echo 2000)" --out "$results" >/dev/null
log "seeding $accounts accounts"
"${gen[@]}" seed --connection "$connection" --accounts "$accounts"
"${gen[@]}" lookups --connection "$connection" --rounds "$([ $smoke -eq 1 ] && echo 200 || echo 2000)" --out "$results" >/dev/null

rss() { awk '/VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$idp_pid/status" 2>/dev/null || echo "?"; }
rss_start="$(rss)"
log "timing one password hash at the configured cost, then one per core at once"
"${gen[@]}" hash --seconds "$([ $smoke -eq 1 ] && echo 0.5 || echo 3)" --parallel-seconds "$([ $smoke -eq 1 ] && echo 0.5 || echo 3)" --out "$results" >/dev/null

if [ "$soak" -eq 1 ]; then
  # shellcheck source=bench/soak.sh
  . bench/soak.sh
  run_soak
  exit "$soak_status"
fi

common=(--seconds "$seconds" --warmup "$warmup" --out "$results")
# A full run records a failed point (errors, or nothing completed) as its row and goes on; a smoke run, which exists
# to show the harness works, fails on any error.
if [ "$smoke" -eq 1 ]; then common+=(--strict); fi
tolerate() { [ "$smoke" -eq 0 ] || { echo "smoke run: a measurement failed (see above)" >&2; exit 1; }; }
# Generated secrets are base64url, safe in a form as they are; the scope is the API's .default, encoded.
api_scope="https%3A%2F%2Fcontoso.onmicrosoft.com%2Fbench-api%2F.default"
for c in $levels; do
  log "side by side at c=$c: discovery, JWKS, client credentials"
  if want discovery; then
  "${gen[@]}" wrk --system idp --path discovery --concurrency "$c" --server-pid "$idp_pid" --db-pid "$pg_pid" "${common[@]}" \
    --url "$base/contoso/B2C_1_signin/v2.0/.well-known/openid-configuration" >/dev/null || tolerate
  "${gen[@]}" wrk --system peer --path discovery --concurrency "$c" --server-pid "$peer_pid" "${common[@]}" \
    --url "http://127.0.0.1:$peer_port/.well-known/openid-configuration" >/dev/null || tolerate
  fi
  if want jwks; then
  "${gen[@]}" wrk --system idp --path jwks --concurrency "$c" --server-pid "$idp_pid" --db-pid "$pg_pid" "${common[@]}" \
    --url "$base/contoso/B2C_1_signin/discovery/v2.0/keys" >/dev/null || tolerate
  "${gen[@]}" wrk --system peer --path jwks --concurrency "$c" --server-pid "$peer_pid" "${common[@]}" \
    --url "http://127.0.0.1:$peer_port/jwks" >/dev/null || tolerate
  fi
  if want client-credentials; then
  "${gen[@]}" wrk --system idp --path client-credentials --concurrency "$c" --server-pid "$idp_pid" --db-pid "$pg_pid" "${common[@]}" \
    --url "$base/contoso/B2C_1_signin/oauth2/v2.0/token" \
    --body "grant_type=client_credentials&client_id=bench-daemon&client_secret=$daemon_secret&scope=$api_scope" >/dev/null || tolerate
  "${gen[@]}" wrk --system peer --path client-credentials --concurrency "$c" --server-pid "$peer_pid" "${common[@]}" \
    --url "http://127.0.0.1:$peer_port/token" \
    --body "grant_type=client_credentials&client_id=bench-daemon&client_secret=bench-peer-secret&scope=api.read&resource=https%3A%2F%2Fbench.test%2Fapi" >/dev/null || tolerate
  fi
done

# A point where nothing completes (hash-bound sign-ins at c=128 on a busy 2-core machine) is a row with 0, not the end of the run.
flow=(--base "$base" --server-pid "$idp_pid" --db-pid "$pg_pid" --cursor-file "$work/cursor" --first-account 1 --last-account "$((accounts - 1))" --smtp-port "$smtp_port")
# Hash-bound points get a window long enough for their queue (bench/README.md): warm-up ≥ one expected wait and a
# window ≥ three (at most 20 s and 60 s), the wait being c ÷ the path's best rate at a lower level in this run (the
# hash ceiling before there is one). A smoke run keeps its one second.
hash_window=(); [ "$smoke" -eq 1 ] || hash_window=(--queue-window)
for c in $levels; do
  on_hash_level=0; if [[ " $hash_levels " == *" $c "* ]]; then on_hash_level=1; fi
  log "IdP flows at c=$c: $([ "$on_hash_level" -eq 1 ] && echo "sign-in, refresh, password reset" || echo "refresh (hash-bound paths: --hash-levels)")"
  if want signin && [ "$on_hash_level" -eq 1 ]; then "${gen[@]}" signin --concurrency "$c" "${flow[@]}" "${common[@]}" "${hash_window[@]}" >/dev/null || tolerate; fi
  if want refresh; then "${gen[@]}" refresh --concurrency "$c" "${flow[@]}" "${common[@]}" >/dev/null || tolerate; fi
  if want reset && [ "$on_hash_level" -eq 1 ]; then "${gen[@]}" reset --concurrency "$c" "${flow[@]}" "${common[@]}" "${hash_window[@]}" >/dev/null || tolerate; fi
done
for c in $hash_levels; do
  if [[ " $levels " == *" $c "* ]]; then continue; fi
  log "IdP hash-bound flows at c=$c: sign-in, password reset"
  if want signin; then "${gen[@]}" signin --concurrency "$c" "${flow[@]}" "${common[@]}" "${hash_window[@]}" >/dev/null || tolerate; fi
  if want reset; then "${gen[@]}" reset --concurrency "$c" "${flow[@]}" "${common[@]}" "${hash_window[@]}" >/dev/null || tolerate; fi
done

# p99 at half of peak (issue 16): each non-hash path once more, open loop at a constant 50 % of the best rate the
# sweep above measured for it (IdP and peer), latency from each request's intended send time (bench/README.md).
open_loop=(--share 0.5 --seconds "$seconds" --warmup "$warmup" --out "$results")
if [ "$smoke" -eq 1 ]; then open_loop+=(--strict); fi
log "open loop at half of each path's peak: discovery, JWKS, client credentials, refresh"
if want discovery; then
  "${gen[@]}" openloop --system idp --path discovery --server-pid "$idp_pid" --db-pid "$pg_pid" "${open_loop[@]}" \
    --url "$base/contoso/B2C_1_signin/v2.0/.well-known/openid-configuration" >/dev/null || tolerate
  "${gen[@]}" openloop --system peer --path discovery --server-pid "$peer_pid" "${open_loop[@]}" \
    --url "http://127.0.0.1:$peer_port/.well-known/openid-configuration" >/dev/null || tolerate
fi
if want jwks; then
  "${gen[@]}" openloop --system idp --path jwks --server-pid "$idp_pid" --db-pid "$pg_pid" "${open_loop[@]}" \
    --url "$base/contoso/B2C_1_signin/discovery/v2.0/keys" >/dev/null || tolerate
  "${gen[@]}" openloop --system peer --path jwks --server-pid "$peer_pid" "${open_loop[@]}" \
    --url "http://127.0.0.1:$peer_port/jwks" >/dev/null || tolerate
fi
if want client-credentials; then
  "${gen[@]}" openloop --system idp --path client-credentials --server-pid "$idp_pid" --db-pid "$pg_pid" "${open_loop[@]}" \
    --url "$base/contoso/B2C_1_signin/oauth2/v2.0/token" \
    --body "grant_type=client_credentials&client_id=bench-daemon&client_secret=$daemon_secret&scope=$api_scope" >/dev/null || tolerate
  "${gen[@]}" openloop --system peer --path client-credentials --server-pid "$peer_pid" "${open_loop[@]}" \
    --url "http://127.0.0.1:$peer_port/token" \
    --body "grant_type=client_credentials&client_id=bench-daemon&client_secret=bench-peer-secret&scope=api.read&resource=https%3A%2F%2Fbench.test%2Fapi" >/dev/null || tolerate
fi
if want refresh; then
  "${gen[@]}" openloop --system idp --path refresh --server-pid "$idp_pid" --db-pid "$pg_pid" "${open_loop[@]}" \
    --base "$base" --cursor-file "$work/cursor" --first-account 1 --last-account "$((accounts - 1))" >/dev/null || tolerate
fi

commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench 2>/dev/null || echo '+changes')"
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
memory="$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
load="$(cut -d' ' -f1-3 /proc/loadavg)"
"${gen[@]}" report --in "$results" --out "$out" --meta "date=$(date -u +%Y-%m-%dT%H:%MZ);commit=$commit;cores=$(nproc);cpu=$cpu;memory=$memory;load average at the end=$load;server build=${label:-this commit};IdP resident memory=$rss_start before measuring, $(rss) at the end (memory over time: --soak);accounts=$accounts;window=${seconds} s measured after ${warmup} s warm-up per point;mode=$([ $smoke -eq 1 ] && echo smoke || echo full);IdP=Release, PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') (fsync off), same machine;peer=node $(node --version) oidc-provider $(node -p 'require("./bench/peer/node_modules/oidc-provider/package.json").version'), memory adapter, RS256 JWT access tokens"
log "done: $out"
