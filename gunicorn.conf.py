"""gunicorn's settings for racesite, read by `gunicorn racesite.wsgi` run from the project folder.

Threads: a worker streaming a long CSV export or a dump to a slow client goes on answering requests
on its other threads, and is not killed mid-download: a sync worker busy on one request past
`timeout` is killed (six unlimited exports of Chevrolet's 70,000 rows at once killed all four).
Workers: WEB_CONCURRENCY (gunicorn's own variable) or -w; threads: GUNICORN_THREADS.
"""

import os

worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
