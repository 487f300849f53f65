"""gunicorn settings for the LMS: gunicorn reads this file when started from this folder (`-c` names another).

    gunicorn -b 127.0.0.1:8000 'lms:create_app()'        # 4 workers x 4 threads, as in docs/operations.md

Flags on the command line win over these values.
"""
import gc

workers = 4
worker_class = "gthread"
threads = 4


def post_worker_init(worker):  # noqa: ARG001 (gunicorn's hook signature)
    """Once the worker has loaded the app: move everything that exists now (modules, templates, table metadata,
    the exam blueprint) out of the garbage collector's full sweeps. Each full sweep holds the GIL, so all of
    the worker's threads wait for it; without this a sweep walks some 150,000 start-up objects that never
    become garbage (40-90 ms on the benchmark machine)."""
    gc.freeze()
