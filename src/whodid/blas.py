"""One BLAS thread per whodid process.

numpy's BLAS starts a pool of threads when it is loaded. whodid multiplies small matrices, where extra threads do
not pay, and a process with threads running also makes every memory allocation take a lock (about 15 % of spaCy's
parse time on one core). So the `whodid` command asks for one BLAS thread before anything loads numpy; `--workers`
is how whodid uses more cores. A value the user has set is kept."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
_before: dict[str, str | None] = {}  # each variable as it was before prefer_one_thread()


def prefer_one_thread() -> None:
    """Ask the BLAS libraries for one thread (environment variables they read when loaded; a user's own values
    stay). Call before numpy is imported; afterwards it changes nothing for this process, only for children."""
    for name in THREAD_VARIABLES:
        _before.setdefault(name, os.environ.get(name))
        os.environ.setdefault(name, "1")


@contextmanager
def environment_as_before() -> Iterator[None]:
    """The BLAS thread variables as they were before `prefer_one_thread`, while the block runs (for starting a
    process that must run as a user's own Python would, such as the bench's bare spaCy)."""
    now = {name: os.environ.get(name) for name in _before}
    _set(_before)
    try:
        yield
    finally:
        _set(now)


def _set(values: dict[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
