"""Administrative divisions, one module per source.

- ``address_codes``: the 6-digit codes ID numbers carry (GB/T 2260 since 1980 plus the 2023 codes), with
  years of use, for birthplaces and ID checks;
- ``catalogue``: the 2023 statistical codes down to the village, for setting an office up;
- ``naming``: the names an office and its place take from a division.
"""

from gridapp.divisions.address_codes import (
    ABOLISHED,
    CURRENT_YEAR,
    abolished_by,
    birthplace,
    counties_under,
    enclosing_name,
    is_current,
    is_known,
    name_of,
    prefecture_known,
    years,
)
from gridapp.divisions.catalogue import Division, chain, children, division, matches
from gridapp.divisions.naming import office_name, place_name

__all__ = [
    "ABOLISHED", "CURRENT_YEAR", "Division", "abolished_by", "birthplace", "chain", "children", "counties_under",
    "division", "enclosing_name", "is_current", "is_known", "matches", "name_of", "office_name", "place_name",
    "prefecture_known", "years",
]
