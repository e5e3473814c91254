"""gunicorn settings for every app server (systemd's literacy@.service and the multi-node
test both start gunicorn with ``-c deploy/gunicorn.conf.py``); the bind address and the
number of workers come from the command line or the environment.

Workers: gunicorn reads WEB_CONCURRENCY (default here: two per core, sync workers,
which suit a site whose requests are short and CPU-bound behind a buffering nginx).
"""

import multiprocessing
import os

wsgi_app = "literacy.wsgi"
worker_class = "sync"
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count()))
# A request still running after 30 s is killed with its worker; nginx waits 35 s.
timeout = 30
graceful_timeout = 20
# Bounds slow growth in a worker's memory; the jitter keeps workers from restarting together.
max_requests = 2000
max_requests_jitter = 200
# nginx logs every request with the app server that answered; gunicorn logs errors only.
accesslog = None
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
