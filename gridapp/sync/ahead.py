"""Reading a package ahead on a second thread: decrypting, decompressing and parsing the next batch of rows
while the database writes the current one (SQLite, zlib and AES-GCM release the GIL while they work)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
_END = object()


def read_ahead(items: Iterable[T], depth: int = 2) -> Iterator[T]:
    """The items of ``items`` in order, produced on a thread at most ``depth`` ahead (memory stays bounded);
    an exception there is raised here; leaving early stops the thread."""
    slots: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                slots.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put((item,)):
                    return
            put(_END)
        except BaseException as exc:  # handed over to the reading thread, raised there
            put(exc)

    thread = threading.Thread(target=produce, name="sync-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            got = slots.get()
            if got is _END:
                return
            if isinstance(got, BaseException):
                raise got
            yield got[0]  # type: ignore[index]
    finally:
        stop.set()
        thread.join()
