"""Where the demo county lies and where its people come from.

Every use of gridapp.divisions and every read of the GB/T 2260 release table by the demo is in this module,
behind the functions below, so that a change to the division data is met in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from gridapp import divisions
from gridapp.resources import resource_path

DEFAULT_COUNTY = "411423"  # 河南省商丘市宁陵县


@dataclass(frozen=True)
class County:
    code: str
    name: str
    neighbours: tuple[str, ...]  # names of the other counties of its prefecture
    nearby: tuple[str, ...]  # codes where married-in spouses were born: the prefecture, else the province
    former: tuple[tuple[str, int], ...]  # abolished codes under its name, with the last year each was used


def usable_county(code: str) -> bool:
    """A current county-level code (not a province or prefecture) that names a place."""
    return divisions.is_current(code) and [c for c, _ in divisions.counties_under(code)] == [code]


def county(code: str) -> County:
    """The county ``code`` when it is usable (see usable_county), else the default county."""
    code = code if usable_county(code) else DEFAULT_COUNTY
    name = divisions.counties_under(code)[0][1]
    nearby = [c for c, _ in divisions.counties_under(code[:4]) if c != code]
    province = [c for c, _ in divisions.counties_under(code[:2]) if c != code]
    years = _division_years()
    former = [(c, years.get(c, (0, 0))[1]) for c, n in divisions.counties_under(code[:2], include_abolished=True)
              if n == name and not divisions.is_current(c)]
    return County(
        code=code, name=name,
        neighbours=tuple(n for _, n in divisions.counties_under(code[:4]) if n != name),
        nearby=tuple(nearby or province or [code]), former=tuple(former),
    )


def county_codes(province: str) -> tuple[str, ...]:
    """The current county-level codes of a province (two digits), sorted."""
    return tuple(c for c, _ in divisions.counties_under(province))


def name_of(code: str) -> str:
    """The full name of a county-level code, or "" for an unknown one."""
    return divisions.name_of(code) or ""


@cache
def _division_years() -> dict[str, tuple[int, int]]:
    """code -> (first year, last year) seen in the GB/T 2260 releases."""
    years = {}
    for line in resource_path("codes", "gb2260-divisions.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("code\t"):
            code, _name, first, last = line.split("\t")
            years[code] = (int(first[:4]), int(last[:4]))
    return years
