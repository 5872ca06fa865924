"""The partner API's throughput: POST /api/v1/contacts on PostgreSQL, matching included.

A register of BENCH_CHILDREN children (a copy of the database bench_pages.py seeded, when
it exists; otherwise seeded here) is served by gunicorn; a partner system sends contacts
about children on the register, spelt as referrers spell them, each with its own
Idempotency-Key, from concurrent clients for a fixed time. A submission is saved without
waiting for the register search; ``manage.py match_contacts --watch`` (the worker that runs
beside the web server, holding the register in memory) searches the register for each
contact meanwhile, on the same two cores. The burst counts as matched when the last of its
contacts has its suggestion. Prints:

    BENCH api.contacts_per_second <n> contacts/s target >=100      accepted (201) per second
    BENCH api.contact_p95 <ms> ms target <=1000
    BENCH api.matched_per_second <n> contacts/s target >=100       accepted and searched: made / (burst + catch-up)
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import json
import os
import random
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import requests
from _common import PYTHON, ROOT, SEED, bench_line, children_from_env, env_for, manage, note, percentile

PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
SOURCE_DATABASE = "safeguard_bench"  # what bench_pages.py seeds
DATABASE = "safeguard_bench_api"
GUNICORN = str(Path(ROOT) / ".venv" / "bin" / "gunicorn")

SETUP = """
from safeguard.accounts.models import Agency, AgencyKind
from safeguard.accounts.services import system_user
from safeguard.accounts.models import Role, User
from safeguard.api import services
from safeguard.people.models import Person
import json, random
admin = User.objects.filter(role=Role.ADMINISTRATOR, is_system=False).first()
police = Agency.objects.filter(kind=AgencyKind.POLICE).first()
client, key = services.api_client_create(actor=admin, agency=police, name="Benchmark police system")
rng = random.Random(%(seed)d)
children = Person.objects.filter(kind="child", merged_into__isnull=True, date_of_birth__isnull=False)
ids = list(children.values_list("pk", flat=True))
sample = Person.objects.filter(pk__in=rng.sample(ids, min(2000, len(ids))))
children = [
    {"given_name": p.given_name, "family_name": p.family_name,
     "date_of_birth": p.date_of_birth.isoformat(), "sex": p.sex}
    for p in sample
]
print("SETUP " + json.dumps({"key": key, "children": children, "register": len(ids)}))
"""


def prepare(children: int) -> str:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [SOURCE_DATABASE]).fetchone()
        if exists:
            conn.execute(f"CREATE DATABASE {DATABASE} TEMPLATE {SOURCE_DATABASE}")
            note(f"copied the register bench_pages.py seeded ({SOURCE_DATABASE})")
            url = f"{PG_SERVER}/{DATABASE}"
            manage(["migrate", "--no-input", "-v", "0"], url)
            return url
        conn.execute(f"CREATE DATABASE {DATABASE}")
    url = f"{PG_SERVER}/{DATABASE}"
    manage(["migrate", "--no-input", "-v", "0"], url)
    started = time.perf_counter()
    manage(["seed_demo", "--children", str(children), "--seed", str(SEED), "-v", "0"], url)
    note(f"seeded {children} children in {time.perf_counter() - started:.1f} s")
    return url


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def gunicorn(url: str, workers: int) -> Iterator[str]:
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="safeguard-bench-api-", suffix=".log", delete=False)  # noqa: SIM115
    env = env_for(url) | {"ALLOWED_HOSTS": "127.0.0.1", "DB_CONN_MAX_AGE": "600"}
    proc = subprocess.Popen(
        [
            GUNICORN,
            "safeguard.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "-",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            if proc.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start-up: see {log.name}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                    break
            time.sleep(0.5)
        else:
            raise RuntimeError("gunicorn did not answer within 60 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def misspell(child: dict[str, str], rng: random.Random) -> dict[str, str]:
    """As a referrer might write it: a dropped or doubled letter, or the day and month swapped."""
    out = dict(child)
    roll = rng.random()
    name = out["family_name"]
    if roll < 0.3 and len(name) > 3:
        i = rng.randrange(1, len(name) - 1)
        out["family_name"] = name[:i] + name[i + 1 :]
    elif roll < 0.5:
        y, m, d = out["date_of_birth"].split("-")
        if int(d) <= 12:
            out["date_of_birth"] = f"{y}-{d}-{m}"
    return out


def run(
    base: str, key: str, children: list[dict[str, str]], seconds: float, clients: int
) -> tuple[int, int, list[float], float]:
    stop = time.perf_counter() + seconds
    lock = threading.Lock()
    latencies: list[float] = []
    errors = 0

    def client(number: int) -> None:
        nonlocal errors
        rng = random.Random(SEED * 1000 + number)
        session = requests.Session()
        session.headers.update({"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
        while time.perf_counter() < stop:
            child = misspell(rng.choice(children), rng)
            body = {
                "child": child,
                "referrer": {"name": "PC Bench", "role": "Public Protection Unit"},
                "concerns": [rng.choice(["domestic_abuse", "neglect", "missing", "physical"])],
                "narrative": "Synthetic benchmark contact: officers attended an incident at the child's home.",
                "immediate_danger": False,
                "consent": "not_sought",
                "consent_reason": "Benchmark",
            }
            started = time.perf_counter()
            response = session.post(
                f"{base}/api/v1/contacts",
                data=json.dumps(body),
                headers={"Idempotency-Key": uuid.uuid4().hex},
                timeout=30,
            )
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if response.status_code == 201:
                    latencies.append(elapsed)
                else:
                    errors += 1

    began = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(client, range(clients)))
    wall = time.perf_counter() - began
    return len(latencies), errors, latencies, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--children", type=int, default=children_from_env())
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("BENCH_API_SECONDS", "30")))
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_API_WORKERS", "4")))
    args = parser.parse_args()
    url = prepare(args.children)
    out = manage(["shell", "-v", "0", "-c", SETUP % {"seed": SEED}], url, capture=True)
    setup = json.loads(next(line for line in out.splitlines() if line.startswith("SETUP "))[len("SETUP ") :])
    note(
        f"register of {setup['register']} children; {args.clients} clients for {args.seconds:.0f} s; "
        f"gunicorn with {args.workers} workers"
    )
    with gunicorn(url, args.workers) as base, matcher(url):
        run(base, setup["key"], setup["children"], 3, 4)  # warm up (and the worker loads the register)
        wait_until_searched(url, timeout=300)
        made, errors, latencies, wall = run(base, setup["key"], setup["children"], args.seconds, args.clients)
        began = time.perf_counter()
        left = wait_until_searched(url, timeout=600)
        catch_up = time.perf_counter() - began
    rate = made / wall
    note(f"{made} contacts created in {wall:.1f} s, {errors} errors; median {percentile(latencies, 50):.0f} ms")
    note(f"the worker had searched the register for all but {left} of them {catch_up:.1f} s after the burst")
    print(
        bench_line("api.contacts_per_second", rate, "contacts/s", ">=", 100, ok=rate >= 100 and errors == 0), flush=True
    )
    print(bench_line("api.contact_p95", percentile(latencies, 95), "ms", "<=", 1000), flush=True)
    matched = made / (wall + catch_up)
    ok = matched >= 100 and errors == 0 and left == 0
    print(bench_line("api.matched_per_second", matched, "contacts/s", ">=", 100, ok=ok), flush=True)


@contextlib.contextmanager
def matcher(url: str) -> Iterator[None]:
    """``match_contacts --watch``, as it runs beside the web server."""
    proc = subprocess.Popen(
        [PYTHON, "manage.py", "match_contacts", "--watch", "0.2", "-v", "0"],
        env=env_for(url),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def wait_until_searched(url: str, timeout: float) -> int:
    """Wait until no contact waits for its register search; returns how many still wait."""
    import psycopg

    deadline = time.perf_counter() + timeout
    with psycopg.connect(url, autocommit=True) as conn:
        while True:
            row = conn.execute("SELECT count(*) FROM frontdoor_contact WHERE suggestion_checked_at IS NULL").fetchone()
            left = int(row[0]) if row else 0
            if left == 0 or time.perf_counter() > deadline:
                return left
            time.sleep(0.05)


if __name__ == "__main__":
    main()
