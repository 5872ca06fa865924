"""How long `manage.py seed_demo` takes to load 50,000 children into a fresh SQLite database.

    .venv/bin/python bench/bench_seed.py [--children N] [--db PATH]

Migrates a new database (not timed), then times the seed as a separate process. The seeded
database is kept at --db (or $BENCH_SQLITE_DB) for bench_pages.py to reuse.
Prints: BENCH seed.children_<N> <seconds> s target <=300 PASS|FAIL
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from _common import SEED, bench_line, children_from_env, manage, note, remove_sqlite, sqlite_url

TARGET_SECONDS = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=children_from_env())
    parser.add_argument("--db", type=Path, default=os.environ.get("BENCH_SQLITE_DB") or None)
    args = parser.parse_args()
    db: Path = args.db or Path(tempfile.mkdtemp(prefix="safeguard-bench-")) / "bench.sqlite3"
    db.parent.mkdir(parents=True, exist_ok=True)
    remove_sqlite(db)
    url = sqlite_url(db)
    note(f"migrating a fresh SQLite database at {db}")
    manage(["migrate", "--no-input", "-v", "0"], url)
    note(f"seeding {args.children} children with seed {SEED}")
    started = time.perf_counter()
    manage(["seed_demo", "--children", str(args.children), "--seed", str(SEED), "-v", "0"], url)
    elapsed = time.perf_counter() - started
    note(f"seeded database kept at {db}")
    print(bench_line(f"seed.children_{args.children}", elapsed, "s", "<=", TARGET_SECONDS), flush=True)


if __name__ == "__main__":
    main()
