"""The merge rule for one record, as a pure function (docs/sync-format.md, "Merge").

The later (hlc, office_id) wins. The losing version is kept as a conflict when it is a real edit the winner
did not build on: it differs in content, comes from another office, and — if it is the local version — the
sender of the package did not already hold it (then the sender decided, and kept any conflict itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gridapp.sync.tables import content


@dataclass(frozen=True)
class Decision:
    outcome: str  # new / updated / deleted / unchanged / conflicts
    write: bool  # the remote row replaces (or becomes) the local one
    lost: str = ""  # "local" or "remote" when a conflict is to be kept


def decide(local: dict[str, Any] | None, remote: dict[str, Any], seen: tuple[str, str], sender: str,
           sender_received: dict[str, str]) -> Decision:
    """``seen``: the newest remote version of this record imported before, as (hlc, office_id)."""
    if local is None:
        return Decision("deleted" if remote["deleted"] else "new", True)
    if _version(remote) == _version(local) or (remote["office_id"] == seen[1] and remote["hlc"] <= seen[0]):
        return Decision("unchanged", False)  # seen before, or an older version its own office built upon
    differs = content(local) != content(remote) and local["office_id"] != remote["office_id"]
    if _version(remote) > _version(local):
        known = local["office_id"] == sender or sender_received.get(local["office_id"], "") >= local["hlc"]
        if differs and not known:
            return Decision("conflicts", True, "local")
        if remote["deleted"] and not local["deleted"]:
            return Decision("deleted", True)
        return Decision("updated" if content(local) != content(remote) else "unchanged", True)
    if differs:
        return Decision("conflicts", False, "remote")
    return Decision("unchanged", False)


def _version(row: dict[str, Any]) -> tuple[str, str]:
    return row["hlc"], row["office_id"]
