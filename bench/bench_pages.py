"""Page response times and server memory with 50,000 children, on SQLite and PostgreSQL.

    .venv/bin/python bench/bench_pages.py [--children N] [--sqlite-db PATH] [--requests 200]

For each database: seed the synthetic authority (or reuse the SQLite database bench_seed.py
left at --sqlite-db / $BENCH_SQLITE_DB), start the app with `manage.py runserver --noreload`
on a free local port (DEBUG off), sign in through the real sign-in form, and time:

- a child's record (/people/<uuid>/), opened by a social worker for children allocated to
  them, and by the head of service for children across the service;
- a people search (/people/search/?q=) by family-name prefix and by date of birth.

Each is warmed up, then requested --requests times one after another. Every request is
a real view: it checks the policy and writes its audit event.

Prints, for <db> in sqlite and postgresql:
    BENCH pages.child_p95_<db> <ms> ms target <=150 PASS|FAIL
    BENCH pages.search_p95_<db> <ms> ms target <=150 PASS|FAIL
    BENCH pages.server_rss_<db> <MB> MB target <=300 PASS|FAIL   (VmHWM of the server process)
with a line per kind of request beside them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import requests
from _common import (
    PYTHON,
    ROOT,
    SEED,
    bench_line,
    children_from_env,
    env_for,
    manage,
    note,
    percentile,
    remove_sqlite,
    sqlite_url,
)

PAGE_TARGET_MS = 150
RSS_TARGET_MB = 300
WARM_UP = 20
WORKER = "sw.assessment1"
HEAD_OF_SERVICE = "hos"
# The demo users' published password (safeguard/demo/data.py: DEMO_PASSWORD).
PASSWORD = "Northbrook-demo-2026"  # noqa: S105
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
PG_DATABASE = "safeguard_bench"

# Run inside `manage.py shell`: the children to open and the searches to make.
PROBE = """
import json, random
from safeguard.access.models import Involvement
from safeguard.lib.names import fold
from safeguard.people.models import Person
current = Involvement.objects.filter(kind="allocated", ended_at__isnull=True)
mine = list(current.filter(user__username=%(worker)r).order_by("child_id")
            .values_list("child__uuid", "child__family_name", "child__date_of_birth"))
others = list(current.exclude(user__username=%(worker)r).order_by("child_id").values_list("child__uuid", flat=True))
rng = random.Random(1)
print("PROBE " + json.dumps({
    "children": Person.objects.filter(kind="child").count(),
    "mine": [str(u) for u, _, _ in mine],
    "service": [str(u) for u in rng.sample(others, min(60, len(others)))],
    "prefixes": sorted({fold(f)[:3] for _, f, _ in mine if len(fold(f)) >= 3}),
    "dobs": sorted({d.strftime("%%d/%%m/%%Y") for _, _, d in mine if d}),
}))
"""


def probe(url: str) -> dict[str, Any]:
    out = manage(["shell", "-v", "0", "-c", PROBE % {"worker": WORKER}], url, capture=True)
    line = next(line for line in out.splitlines() if line.startswith("PROBE "))
    return json.loads(line[len("PROBE ") :])


def seed(url: str, children: int) -> None:
    manage(["migrate", "--no-input", "-v", "0"], url)
    started = time.perf_counter()
    manage(["seed_demo", "--children", str(children), "--seed", str(SEED), "-v", "0"], url)
    note(f"seeded {children} children in {time.perf_counter() - started:.1f} s")


def prepare_sqlite(path: Path | None, children: int) -> str:
    if path is not None and path.exists():
        url = sqlite_url(path)
        found = probe(url)["children"]
        if found >= children:
            note(f"reusing the SQLite database at {path} ({found} child records)")
            return url
        note(f"{path} holds {found} child records, not {children}: seeding afresh")
    path = path or Path(tempfile.mkdtemp(prefix="safeguard-bench-")) / "pages.sqlite3"
    remove_sqlite(path)
    url = sqlite_url(path)
    seed(url, children)
    return url


def prepare_postgresql(children: int) -> str | None:
    import psycopg

    try:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_DATABASE}")
    except psycopg.OperationalError as exc:
        note(f"PostgreSQL is not reachable at {PG_SERVER}: {exc}")
        return None
    url = f"{PG_SERVER}/{PG_DATABASE}"
    seed(url, children)
    return url


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def server(url: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """The app served by `runserver --noreload`: the process we start is the server."""
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="safeguard-bench-server-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen(
        [PYTHON, str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env_for(url),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    clean = False
    try:
        for _ in range(120):
            if proc.poll() is not None:
                raise RuntimeError(f"the server stopped at start-up: see {log.name}")
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            time.sleep(0.5)
        else:
            raise RuntimeError(f"the server did not answer within 60 s: see {log.name}")
        yield proc, base
        clean = True
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        log.close()
        if clean:
            Path(log.name).unlink(missing_ok=True)
        else:
            note(f"server log kept at {log.name}")


def sign_in(base: str, username: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/accounts/sign-in/", timeout=10)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if match is None:
        raise RuntimeError("no CSRF token on the sign-in page")
    response = session.post(
        f"{base}/accounts/sign-in/",
        data={"csrfmiddlewaretoken": match.group(1), "username": username, "password": PASSWORD},
        headers={"Referer": f"{base}/accounts/sign-in/"},
        timeout=30,
    )
    if response.status_code != 200 or "/accounts/sign-in/" in response.url:
        raise RuntimeError(f"{username} could not sign in (status {response.status_code} at {response.url})")
    return session


def timed(session: requests.Session, urls: list[str], count: int) -> tuple[list[float], int]:
    """Milliseconds for ``count`` requests cycling through ``urls`` after a warm-up, and
    how many did not answer 200."""
    if not urls:
        return [], count
    for i in range(WARM_UP):
        session.get(urls[i % len(urls)], timeout=30)
    samples: list[float] = []
    failed = 0
    for i in range(count):
        started = time.perf_counter()
        response = session.get(urls[i % len(urls)], timeout=30)
        samples.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            failed += 1
    return samples, failed


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else float("nan")


def measure(label: str, url: str, count: int) -> list[str]:
    facts = probe(url)
    note(
        f"{label}: {facts['children']} child records; {WORKER} holds {len(facts['mine'])}; "
        f"{len(facts['prefixes'])} name prefixes and {len(facts['dobs'])} dates to search"
    )
    lines: list[str] = []
    with server(url) as (proc, base):
        worker, head = sign_in(base, WORKER), sign_in(base, HEAD_OF_SERVICE)
        searches = {
            "name": [f"{base}/people/search/?q={p}" for p in facts["prefixes"]],
            "dob": [f"{base}/people/search/?q={d}" for d in facts["dobs"]],
        }
        results = {
            "child_sw": timed(worker, [f"{base}/people/{u}/" for u in facts["mine"]], count),
            "child_hos": timed(head, [f"{base}/people/{u}/" for u in facts["service"]], count),
            "search_name": timed(worker, searches["name"], count),
            "search_dob": timed(worker, searches["dob"], count),
        }
        rss = peak_rss_mb(proc.pid)
    for group in ("child", "search"):
        parts = [key for key in results if key.startswith(group)]
        samples = [ms for key in parts for ms in results[key][0]]
        failed = sum(results[key][1] for key in parts)
        if failed:
            note(f"{failed} {group} requests on {label} did not answer 200")
        value = percentile(samples, 95) if samples else float("nan")
        lines.append(
            bench_line(f"pages.{group}_p95_{label}", value, "ms", "<=", PAGE_TARGET_MS, ok=False if failed else None)
        )
        for key in parts:
            part_samples, part_failed = results[key]
            if part_samples:
                note(
                    f"{key} on {label}: median {percentile(part_samples, 50):.1f} ms, "
                    f"max {max(part_samples):.1f} ms over {len(part_samples)} requests"
                )
            part_value = percentile(part_samples, 95) if part_samples else float("nan")
            ok = False if part_failed else None
            lines.append(bench_line(f"pages.{key}_p95_{label}", part_value, "ms", "<=", PAGE_TARGET_MS, ok=ok))
    lines.append(bench_line(f"pages.server_rss_{label}", rss, "MB", "<=", RSS_TARGET_MB))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=children_from_env())
    parser.add_argument("--sqlite-db", type=Path, default=os.environ.get("BENCH_SQLITE_DB") or None)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--skip-postgresql", action="store_true")
    args = parser.parse_args()

    lines = measure("sqlite", prepare_sqlite(args.sqlite_db, args.children), args.requests)
    for line in lines:
        print(line, flush=True)
    if args.skip_postgresql:
        return
    note(f"seeding {args.children} children into PostgreSQL database {PG_DATABASE}")
    pg_url = prepare_postgresql(args.children)
    if pg_url is None:
        for name, unit, target in (("child_p95", "ms", 150), ("search_p95", "ms", 150), ("server_rss", "MB", 300)):
            print(bench_line(f"pages.{name}_postgresql", float("nan"), unit, "<=", target), flush=True)
        return
    for line in measure("postgresql", pg_url, args.requests):
        print(line, flush=True)


if __name__ == "__main__":
    main()
