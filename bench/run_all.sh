#!/usr/bin/env bash
# Every benchmark, in order, each printing its BENCH lines (see DESIGN.md).
# Full scale is 50,000 children; BENCH_CHILDREN=2000 bash bench/run_all.sh for a quick try.
set -uo pipefail
cd "$(dirname "$0")/.."
PY="${PY:-.venv/bin/python}"
export BENCH_CHILDREN="${BENCH_CHILDREN:-50000}"
workdir="$(mktemp -d "${TMPDIR:-/tmp}/safeguard-bench.XXXXXX")"
trap 'rm -rf "$workdir"' EXIT
# bench_seed.py leaves its seeded database here for bench_pages.py.
export BENCH_SQLITE_DB="$workdir/bench.sqlite3"

status=0
scripts=(bench/bench_seed.py bench/bench_pages.py)
scripts+=(bench/bench_matching.py)  # identity matching: 1,000,000 people; BENCH_SCALE=0.1 for a quick try
scripts+=(bench/bench_ssda903.py)  # SSDA903: 1,500 children in care, on DATABASE_URL (a scratch SQLite file if unset)
for script in bench/bench_*.py; do
    case " ${scripts[*]} " in *" $script "*) ;; *) scripts+=("$script") ;; esac
done
for script in "${scripts[@]}"; do
    echo "# ${script}"
    "$PY" "$script" || { echo "# ${script} failed (exit $?)"; status=1; }
done
exit "$status"
