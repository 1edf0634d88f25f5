"""Run the command line in the test's own process (fast), capturing what it prints and its exit status.

``gridapp(*args)`` answers like ``subprocess.run(..., capture_output=True, text=True)`` so tests read the same;
a few tests still start ``python -m gridapp`` in a subprocess to prove the entry point itself works.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from unittest import mock

from gridapp.cli import main


@dataclass
class Completed:
    returncode: int
    stdout: str
    stderr: str


def gridapp(*args: str, env: dict[str, str] | None = None) -> Completed:
    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ, env or {}), redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse refusing the command line
            code = exc.code if isinstance(exc.code, int) else 2
    return Completed(code, out.getvalue(), err.getvalue())


def gridapp_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m gridapp …`` as a separate program, the way an office script runs it."""
    return subprocess.run([sys.executable, "-m", "gridapp", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)
