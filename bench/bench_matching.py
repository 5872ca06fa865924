"""Identity matching: lookup speed against a million people, the index's memory, and the
accuracy of matching and of `manage.py link_records`, on seeded synthetic people.

    .venv/bin/python bench/bench_matching.py            # full scale
    BENCH_SCALE=0.1 .venv/bin/python bench/bench_matching.py   # a quick try

1. Builds a MatchIndex of 1,000,000 generated children (households, twins, skewed name
   frequencies; safeguard/people/testing_corruption.py) and looks up 10,000 referrals: 8,000
   corrupted copies of children in the index, 2,000 children who are not (most of them
   brothers, sisters or twins of children who are). After 1,000 warm-up lookups, each
   lookup is timed (limit 10, the default threshold), as the front door makes it.
2. Links two generated lists of 100,000 people (70% of the right list corrupted copies of
   people on the left) by running `manage.py link_records` on CSV files, timed end to end.

Prints:
  BENCH matching.lookup_p50 <ms> ms target <=20
  BENCH matching.lookup_p95 <ms> ms target <=20
  BENCH matching.index_memory <MB> MB target <=1500   (RSS growth while building the index)
  BENCH matching.precision / matching.recall            (default threshold; >=0.99 / >=0.97)
  BENCH linkage.link_100k_seconds <s> s target <=60
  BENCH linkage.precision / linkage.recall              (>=0.99 / >=0.97)
"""

from __future__ import annotations

import csv
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, SEED, bench_line, manage, note, percentile, sqlite_url

sys.path.insert(0, str(ROOT))

from safeguard.people import matching
from safeguard.people.testing_corruption import (
    DEFAULT_HEADERS,
    corrupt,
    linkage_lists,
    matching_set,
    write_csv,
)

INDEX_SIZE = 1_000_000
QUERIES = 10_000
WARM_UP = 1_000
LINK_SIZE = 100_000
MEMORY_TARGET_MB = 1500


def scale() -> float:
    return float(os.environ.get("BENCH_SCALE") or 1.0)


def ratio_line(name: str, value: float, target: float) -> str:
    """A BENCH line for a proportion, shown to four places (bench_line shows one)."""
    return f"BENCH {name} {value:.4f} ratio target >={target:g} {'PASS' if value >= target else 'FAIL'}"


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def bench_lookups(size: int, queries: int) -> None:
    note(f"generating {size:,} people and {queries:,} referrals (seed {SEED})")
    data = matching_set(size, queries, seed=SEED)
    rng = random.Random(SEED + 1)
    warm_up = [corrupt(p, rng, key=f"W{i}")[0] for i, p in enumerate(rng.sample(data.register, WARM_UP))]
    gc.collect()
    before = rss_mb()
    started = time.perf_counter()
    index = matching.MatchIndex(data.register)
    built = time.perf_counter() - started
    gc.collect()
    memory = rss_mb() - before
    note(f"indexed {len(index):,} people in {built:.1f} s")
    # The generated records are the benchmark's, not the index's: drop them, as
    # match_file drops each register row once it is indexed.
    data.register.clear()
    gc.collect()
    for query in warm_up:
        index.lookup(query)
    timings: list[float] = []
    correct = linked = 0
    for query in data.queries:
        started = time.perf_counter()
        found = index.lookup(query)
        timings.append((time.perf_counter() - started) * 1000)
        if found:
            linked += 1
            correct += found[0].key == data.truth[query.key]
    on_register = sum(1 for key in data.truth.values() if key is not None)
    precision = correct / linked if linked else 0.0
    recall = correct / on_register if on_register else 0.0
    note(f"{linked:,} of {queries:,} referrals matched at {matching.DEFAULT_THRESHOLD:g}; {correct:,} correctly")
    note(f"lookup mean {statistics.fmean(timings):.2f} ms, max {max(timings):.1f} ms")
    print(bench_line("matching.lookup_p50", percentile(timings, 50), "ms", "<=", 20), flush=True)
    print(bench_line("matching.lookup_p95", percentile(timings, 95), "ms", "<=", 20), flush=True)
    print(bench_line("matching.index_memory", memory, "MB", "<=", MEMORY_TARGET_MB), flush=True)
    print(ratio_line("matching.precision", precision, 0.99), flush=True)
    print(ratio_line("matching.recall", recall, 0.97), flush=True)


RIGHT_HEADERS = {
    "key": "pupil_ref",
    "given_name": "first_name",
    "family_name": "last_name",
    "date_of_birth": "date_of_birth",
    "sex": "sex",
    "address": "address_line_1",
    "postcode": "post_code",
    "nhs_number": "nhs_no",
    "upn": "upn",
}


def bench_link(size: int) -> None:
    note(f"generating two lists of {size:,} people")
    left, right, truth = linkage_lists(size, size, seed=SEED)
    with tempfile.TemporaryDirectory(prefix="safeguard-bench-link-") as tmp:
        folder = Path(tmp)
        write_csv(folder / "left.csv", left, headers=DEFAULT_HEADERS, date_format="%d/%m/%Y", extra_column=True)
        write_csv(folder / "right.csv", right, headers=RIGHT_HEADERS, date_format="%Y-%m-%d")
        del left, right
        gc.collect()
        args = ["link_records", str(folder / "left.csv"), str(folder / "right.csv")]
        args += ["--id", "id", "--right-id", "pupil_ref", "--out", str(folder / "pairs.csv"), "--no-progress"]
        note("running manage.py " + " ".join(args))
        started = time.perf_counter()
        output = manage(args, sqlite_url(folder / "unused.sqlite3"), capture=True)
        elapsed = time.perf_counter() - started
        for line in output.splitlines()[-2:]:
            note(line)
        with (folder / "pairs.csv").open(newline="") as pairs_file:
            pairs = {(row["left_id"], row["right_id"]) for row in csv.DictReader(pairs_file)}
    correct = len(pairs & truth)
    precision = correct / len(pairs) if pairs else 0.0
    recall = correct / len(truth) if truth else 0.0
    note(f"{len(pairs):,} pairs written, {correct:,} of {len(truth):,} true pairs")
    label = f"{size // 1000}k" if size >= 1000 else str(size)
    print(bench_line(f"linkage.link_{label}_seconds", elapsed, "s", "<=", 60), flush=True)
    print(ratio_line("linkage.precision", precision, 0.99), flush=True)
    print(ratio_line("linkage.recall", recall, 0.97), flush=True)


def main() -> None:
    factor = scale()
    bench_lookups(max(1000, round(INDEX_SIZE * factor)), max(1000, round(QUERIES * factor)))
    gc.collect()
    bench_link(max(1000, round(LINK_SIZE * factor)))


if __name__ == "__main__":
    main()
