"""Tests for the one-BLAS-thread environment of the `whodid` command."""

from __future__ import annotations

import os
import sys

import pytest

from whodid import blas, entry


def clean_environment(monkeypatch) -> None:
    monkeypatch.setattr(blas, "_before", {})
    for name in blas.THREAD_VARIABLES:  # restored after the test, whatever prefer_one_thread sets
        monkeypatch.delenv(name, raising=False)


def test_one_thread_is_asked_for_and_a_users_own_value_stays(monkeypatch):
    clean_environment(monkeypatch)
    monkeypatch.setenv("OMP_NUM_THREADS", "4")
    blas.prefer_one_thread()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    assert os.environ["OMP_NUM_THREADS"] == "4"
    with blas.environment_as_before():
        assert "OPENBLAS_NUM_THREADS" not in os.environ
        assert os.environ["OMP_NUM_THREADS"] == "4"
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"


def test_a_second_call_keeps_the_first_values(monkeypatch):
    clean_environment(monkeypatch)
    blas.prefer_one_thread()
    blas.prefer_one_thread()
    with blas.environment_as_before():
        assert "MKL_NUM_THREADS" not in os.environ


def test_the_command_entry_asks_for_one_thread_then_runs_the_cli(monkeypatch, capsys):
    clean_environment(monkeypatch)
    monkeypatch.setattr(sys, "argv", ["whodid", "--help"])
    with pytest.raises(SystemExit) as exit_info:
        entry.main()
    assert exit_info.value.code == 0
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    assert "Usage" in capsys.readouterr().out
