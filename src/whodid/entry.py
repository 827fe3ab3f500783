"""The `whodid` command's entry point: sets up the process (one BLAS thread, see blas.py), then runs the CLI."""

from __future__ import annotations

from whodid.blas import prefer_one_thread


def main() -> None:
    """Run the `whodid` command line."""
    prefer_one_thread()  # before the CLI's imports load numpy
    from whodid.cli import app

    app()
