"""Guards against Qt binding releases that would crash a long session.

PySide6 6.12.0 drops a reference to ``True`` on every Python-side ``Signal.emit()``; after enough emits the
interpreter aborts ("bool_dealloc"). The program emits on every change and every progress tick, so the pinned
release must not do this. Run in a subprocess: the failure mode is an abort, not an exception.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Sender(QObject):
    changed = Signal(object)
sender = Sender()
sender.changed.connect(lambda value: None)
before = sys.getrefcount(True)
for _ in range(50_000):
    sender.changed.emit(1)
print(sys.getrefcount(True) - before)
"""


def test_emitting_signals_does_not_leak_references() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert abs(int(done.stdout.strip())) < 100
