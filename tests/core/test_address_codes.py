"""The address codes of ID numbers: GB/T 2260 merged with the 2023 statistical codes and the curated codes."""

from __future__ import annotations

import importlib.util
import lzma
from pathlib import Path

import pytest

from gridapp import divisions, resources

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path("/work/shared/data")

# code, full name, (first year, last year), still in use
CODES = [
    ("410307", "河南省洛阳市偃师区", (2002, 2023), True),  # 洛龙区 2002–2006, 偃师区 since 2021: the latest wins
    ("410311", "河南省洛阳市洛龙区", (1980, 2023), True),
    ("410381", "河南省洛阳市偃师市", (1995, 2019), False),
    ("532101", "云南省昭通地区昭通市", (1981, 2000), False),  # 邵通 in the GB2260 data set
    ("532121", "云南省昭通地区昭通县", (1980, 1982), False),
    ("130502", "河北省邢台市襄都区", (1983, 2023), True),  # 桥东区 until 2020
    ("130503", "河北省邢台市信都区", (1983, 2023), True),  # 桥西区 until 2020
    ("632421", "青海省河南蒙古族自治县", (1980, 1988), False),
    ("632400", "青海省河南蒙古族自治县", (1980, 1988), False),
    ("460037", "海南省西沙群岛", (1988, 2002), False),
    ("460038", "海南省南沙群岛", (1988, 2002), False),
    ("460039", "海南省中沙群岛的岛礁及其海域", (1988, 2002), False),
    ("830000", "台湾居民居住证", (2018, 2023), True),
    ("810000", "香港特别行政区", (2002, 2023), True),
    ("820000", "澳门特别行政区", (2002, 2023), True),
    ("710000", "台湾省", (2002, 2023), True),
    ("320614", "江苏省南通市海门区", (2019, 2023), True),  # created 2020, after GB/T 2260's last release
    ("370116", "山东省济南市莱芜区", (2019, 2023), True),
    ("630106", "青海省西宁市湟中区", (2019, 2023), True),
    ("659012", "新疆维吾尔自治区白杨市", (2019, 2023), True),  # 自治区直辖县级行政区划 skipped
    ("110103", "北京市崇文区", (1980, 2009), False),
    ("132121", "河北省邯郸地区大名县", (1980, 1992), False),
    ("110105", "北京市朝阳区", (1980, 2023), True),
    ("110100", "北京市", (2002, 2023), True),  # 市辖区 is a placeholder
    ("429004", "湖北省仙桃市", (1994, 2023), True),  # 省直辖县级行政区划 skipped
]


@pytest.mark.parametrize("code, name, years, current", CODES)
def test_codes_names_and_years(code: str, name: str, years: tuple[int, int], current: bool) -> None:
    assert divisions.is_known(code)
    assert divisions.name_of(code) == name
    assert divisions.years(code) == years
    assert divisions.is_current(code) is current


@pytest.mark.parametrize("code, shown", [
    ("110103", "北京市崇文区（已撤销）"),
    ("410381", "河南省洛阳市偃师市（已撤销）"),
    ("632421", "青海省河南蒙古族自治县（已撤销）"),
    ("130101", "河北省石家庄市"),  # an abolished 市辖区 row names the city, which is still there
    ("410307", "河南省洛阳市偃师区"),
    ("320699", "江苏省南通市"),  # unknown county: the prefecture
    ("990000", None),
])
def test_birthplace_marks_abolished_places(code: str, shown: str | None) -> None:
    assert divisions.birthplace(code) == shown


def test_abolished_by_is_the_first_release_without_the_code() -> None:
    assert divisions.abolished_by("110103") == 2010  # last listed 2009
    assert divisions.abolished_by("410381") == 2023  # last listed 2019, next source 2023
    assert divisions.abolished_by("110105") is None
    assert divisions.abolished_by("999999") is None


def test_every_2023_county_is_current_under_its_own_name() -> None:
    counties = [county for province in divisions.children(None) for prefecture in divisions.children(province.code)
                for county in divisions.children(prefecture.code)]
    assert len(counties) == 2978
    for county in counties:
        assert divisions.is_current(county.code), county
        assert divisions.name_of(county.code).endswith(county.name), county


def test_names_that_are_not_county_names_stay_out_of_counties_under() -> None:
    beijing = dict(divisions.counties_under("1101"))
    assert beijing["110105"] == "朝阳区"
    assert "110103" not in beijing and "110100" not in beijing
    assert "110103" in dict(divisions.counties_under("1101", include_abolished=True))
    assert "320576" not in dict(divisions.counties_under("3205"))  # 苏州工业园区, a statistical code only


def test_prefecture_known_and_enclosing_name() -> None:
    assert divisions.prefecture_known("320699")
    assert not divisions.prefecture_known("329914")
    assert not divisions.prefecture_known("320000")
    assert divisions.enclosing_name("320699") == "江苏省南通市"
    assert divisions.enclosing_name("990000") is None
    assert divisions.name_of("11010") is None
    assert divisions.name_of("abcdef") is None


def _build_script():
    spec = importlib.util.spec_from_file_location("build_divisions", ROOT / "scripts" / "build_divisions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not SHARED.exists(), reason="shared reference data not available")
def test_shipped_table_is_what_the_build_script_makes() -> None:
    build = _build_script()
    stats = build.rows(lzma.decompress((SHARED / "stats-divisions-2023.tsv.xz").read_bytes()).decode("utf-8"))
    made = build.address_table((SHARED / "gb2260-divisions.tsv").read_text(encoding="utf-8"), stats,
                               build.CURATED.read_text(encoding="utf-8"))
    shipped = resources.resource_path("codes", "gb2260-divisions.tsv").read_text(encoding="utf-8")
    assert made == shipped


def test_curated_lines_say_where_they_come_from() -> None:
    build = _build_script()
    curated = build.rows(build.CURATED.read_text(encoding="utf-8"))
    assert {row[0] for row in curated} >= {"632421", "632400", "460037", "460038", "460039", "830000"}
    assert all(len(row) == 5 and row[4].strip() for row in curated)
