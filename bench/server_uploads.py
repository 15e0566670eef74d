"""bench/bounds.py's last part: uploads to a real server, as an editor's browser sends them.

gunicorn (one worker, the project's gunicorn.conf.py) serves a migrated database; an editor's session
is made in a helper process; curl posts a 500 MB file (sparse: the disk holds none of it), then a 5 MB
report in Windows-1252 (the upload's worst: its text grows as UTF-8), then confirms it, sending
its text back as a browser does, to *Import a report*. Measured: the
time to the answer and the worker's peak resident memory (VmHWM), against the bench's targets.
"""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
URL = "/admin/results/importrun/import/"
SECRET = "b" * 32  # the CSRF cookie's secret; the form sends it unmasked, as Django accepts
SESSION = """
from django.contrib.auth.models import Group, User
from django.test import Client
editor = User.objects.create_user("edna", is_staff=True)
editor.groups.add(Group.objects.get(name="Editors"))
client = Client()
client.force_login(editor)
print(client.cookies["sessionid"].value)
"""


def run_server(tmp, database, env, target_seconds, target_mb):
    env = {**os.environ, **env, "DATABASE_URL": database, "CACHE_DIR": f"{tmp}/cache", "WEB_CONCURRENCY": "1"}
    session = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SESSION],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "racesite.wsgi",
            "-w",
            "1",
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(port)
        worker = _worker_of(server.pid)
        print(f"\nA real server (gunicorn, one worker; its resident memory at rest {_status(worker, 'VmRSS'):.0f} MB)")
        print(f"{'upload':<40}{'seconds':>8}{'peak MB':>9}  answer")
        ok = True
        table = "Pos,St,#,Driver,Laps\n1,2,75,Daniel Suárez,67\n"
        accents = table + "Notes: Suárez–Pérez\n" * ((5 * 1024 * 1024 - 2048) // 20)
        readable = Path(tmp) / "five-mb.csv"
        readable.write_bytes(accents.encode("cp1252"))  # 5 MB of Windows-1252: 6.9 MB once UTF-8
        sent_back = Path(tmp) / "five-mb-text.txt"
        sent_back.write_text(accents, encoding="utf-8")
        huge = Path(tmp) / "huge.csv"
        with open(huge, "wb") as handle:
            handle.truncate(500 * 1024 * 1024)
        confirm = [f"text=<{sent_back}", "source_name=five-mb.csv", "decoded_from=windows-1252", "confirm=1"]
        for name, fields, expected in [  # the huge one first: the worker's peak is then its own
            ("500 MB file", [f"file=@{huge};type=text/csv", "preview=1"], "the report sent is 500.0 MB"),
            ("5 MB Windows-1252 report, previewed", [f"file=@{readable};type=text/csv", "preview=1"], "Suárez"),
            ("the same, confirmed (6.9 MB as UTF-8)", confirm, "five-mb.csv"),
        ]:
            seconds, code, page = _post(port, session, fields, Path(tmp) / "answer.html")
            peak = _status(worker, "VmHWM")
            good = code in (200, 302) and expected in page and seconds < target_seconds and peak < target_mb
            ok &= good
            answer = f"HTTP {code}" + (", says so" if expected in page else f", without {expected!r}: {page[:100]!r}")
            print(f"{name:<40}{seconds:>8.2f}{peak:>9.0f}  {answer}{'' if good else '  TARGET MISSED'}")
        return ok
    finally:
        server.terminate()
        server.wait()


def _post(port, session, fields, out):
    """curl posts the form (the CSRF token first, as a browser's form sends it); a redirect is followed."""
    facts = ["series=Truck", "year=2022", "round=15", "track=Mid-Ohio Sports Car Course"]
    started = time.perf_counter()
    result = subprocess.run(
        ["curl", "-s", "-L", "-o", str(out), "-w", "%{http_code}", "-b", f"sessionid={session}; csrftoken={SECRET}"]
        + [x for field in ["csrfmiddlewaretoken=" + SECRET, *facts, *fields] for x in ("-F", field)]
        + [f"http://127.0.0.1:{port}{URL}"],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    return seconds, int(result.stdout or 0), out.read_text(errors="replace") if out.exists() else ""


def _status(pid, field):
    return int(re.search(rf"{field}:\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1)) / 1024


def _worker_of(master):
    for _ in range(100):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("gunicorn started no worker")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port):
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not answer on port {port}")
