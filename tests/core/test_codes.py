"""Code tables, special groups, case categories and resource lookup."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from gridapp import codes, resources
from gridapp.codes import FIELD_TYPES, GROUPS, CodeItem

SIMPLE_TABLES = [
    "ethnicity", "sex", "relation", "education", "political_status", "marital_status", "residence_kind",
    "person_status", "household_kind", "house_use", "house_structure", "safety_rating", "monitor_colour",
    "grid_level", "grid_kind", "worker_kind", "worker_role", "place_type", "risk_level", "case_source",
    "case_urgency", "case_category", "special_group",
]
CODES_DIR = resources.resource_path("codes")


# --- resources -----------------------------------------------------------------------------------

def test_resource_dir_in_checkout():
    assert resources.resource_dir() == Path(__file__).resolve().parents[2] / "resources"
    assert resources.resource_path("codes", "ethnicity.json").is_file()


def test_resource_dir_when_frozen(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_dir() == tmp_path / "resources"
    assert resources.resource_path("a", "b.json") == tmp_path / "resources" / "a" / "b.json"


# --- data files ----------------------------------------------------------------------------------

@pytest.mark.parametrize("table", SIMPLE_TABLES)
def test_table_files_are_well_formed(table):
    path = CODES_DIR / f"{table}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["name"] == table
    assert data["title"]
    assert path.read_text(encoding="utf-8").startswith("{\n  ")  # pretty printed
    found = codes.items(table)
    assert found
    assert len({i.code for i in found}) == len(found), "duplicate codes"
    assert len({i.label for i in found}) == len(found), "duplicate labels"


@pytest.mark.parametrize("table", SIMPLE_TABLES)
def test_every_label_code_and_alias_matches_its_item(table):
    for item in codes.items(table):
        for text in (item.label, item.code, *item.aliases):
            assert codes.match(table, text) == item, f"{table}: {text}"


def test_fifty_six_ethnicities():
    items = codes.items("ethnicity")
    standard = [i for i in items if int(i.code) <= 56]
    assert [i.code for i in standard] == [f"{n:02d}" for n in range(1, 57)]
    assert all(i.label.endswith("族") for i in standard)
    assert codes.label_of("ethnicity", "01") == "汉族"
    assert codes.label_of("ethnicity", "56") == "基诺族"
    assert codes.label_of("ethnicity", "97") == "其他"
    assert codes.label_of("ethnicity", "98") == "外国血统中国籍人士"
    assert len(items) == 58


def test_relation_head_of_household_is_a_code():
    head = codes.match("relation", "户主")
    assert head is not None and head.code == "02"
    for code, label in [("10", "配偶"), ("20", "子"), ("21", "独生子"), ("22", "长子"), ("30", "女"),
                        ("31", "独生女"), ("32", "长女"), ("41", "孙子"), ("42", "孙女"), ("43", "外孙子"),
                        ("51", "父亲"), ("52", "母亲"), ("97", "其他亲属"), ("99", "非亲属")]:
        assert codes.label_of("relation", code) == label
    assert 25 <= len(codes.items("relation")) <= 50


def test_standard_codes_of_other_tables():
    assert codes.label_of("political_status", "01") == "中共党员"
    assert codes.label_of("political_status", "13") == "群众"
    assert codes.label_of("marital_status", "20") == "已婚"
    assert codes.label_of("marital_status", "90") == "未说明的婚姻状况"
    assert codes.label_of("education", "10") == "研究生"
    assert codes.label_of("education", "90") == "文盲或半文盲"
    assert codes.labels("grid_level") == ("县(市/区)", "镇(街道)", "村(社区)", "网格", "微网格")
    assert codes.labels("person_status") == ("在册", "迁出", "死亡")
    assert codes.label_of("safety_rating", "D") == "D级（危房）"
    assert codes.label_of("ethnicity", "00") is None


def test_extra_fields():
    days = {i.label: i.extra["deadline_days"] for i in codes.items("case_urgency")}
    assert days == {"一般": 7, "紧急": 3, "重大": 1, "特别重大": 1}
    assert all(i.extra["meaning"] for i in codes.items("monitor_colour"))
    assert codes.labels("monitor_colour") == ("红", "黄", "绿")


@pytest.mark.parametrize("table, text, label", [
    ("ethnicity", "汉", "汉族"),
    ("ethnicity", "汉族", "汉族"),
    ("ethnicity", "01", "汉族"),
    ("ethnicity", "1", "汉族"),            # leading zero lost in a spreadsheet
    ("ethnicity", "1.0", "汉族"),
    ("ethnicity", " 回 族 ", "回族"),
    ("ethnicity", "汉族人", "汉族"),
    ("ethnicity", "维族", "维吾尔族"),
    ("ethnicity", "土家", "土家族"),
    ("ethnicity", "土", "土族"),
    ("relation", "户主本人", "户主"),
    ("relation", "本人", "户主"),
    ("relation", "儿子", "子"),
    ("relation", "妻子", "妻"),
    ("political_status", "党员", "中共党员"),
    ("political_status", "团员", "共青团员"),
    ("political_status", "中国共产党党员", "中共党员"),
    ("marital_status", "已婚有配偶", "已婚"),
    ("marital_status", "离异", "离婚"),
    ("sex", "男性", "男"),
    ("sex", "女 性", "女"),
    ("sex", "Ｍ", "男"),
    ("education", "大专", "大学专科"),
    ("education", "中专", "中等专科"),
    ("residence_kind", "流动人员", "流动人口"),
    ("safety_rating", "D级(危房)", "D级（危房）"),
    ("safety_rating", "d", "D级（危房）"),
    ("grid_level", "县（市/区）", "县(市/区)"),
    ("grid_level", "社区", "村(社区)"),
    ("special_group", "低保户", "低保对象"),
])
def test_match(table, text, label):
    found = codes.match(table, text)
    assert found is not None, text
    assert found.label == label


@pytest.mark.parametrize("text", ["", "   ", None, "火星族", "xyz"])
def test_match_unknown(text):
    assert codes.match("ethnicity", text) is None


def test_unknown_table():
    with pytest.raises(KeyError, match="找不到代码表"):
        codes.items("no_such_table")
    with pytest.raises(KeyError):
        codes.items("../pyproject")


def test_code_item_is_hashable():
    assert len(set(codes.items("ethnicity"))) == 58
    assert isinstance(codes.items("sex")[0], CodeItem)


# --- special groups -------------------------------------------------------------------------------

def test_special_groups_have_valid_fields():
    groups = codes.special_groups()
    assert len(groups) >= 20
    assert len({g.code for g in groups}) == len(groups)
    for group in groups:
        assert group.code.isascii() and group.code.replace("_", "").isalpha() and group.code.islower()
        assert group.group in GROUPS
        assert group.fields, group.label
        assert len({f.key for f in group.fields}) == len(group.fields)
        for f in group.fields:
            assert f.type in FIELD_TYPES
            assert bool(f.options) == (f.type == "choice"), f"{group.label}/{f.label}"


def _options(code: str, label: str) -> tuple[str, ...]:
    return next(f.options for f in codes.special_group(code).fields if f.label == label)


def test_required_special_groups_and_details():
    assert _options("community_correction", "矫正类别") == ("管制", "缓刑", "假释", "暂予监外执行")
    assert _options("mental_disorder", "风险等级") == tuple(f"{n}级" for n in range(6))
    assert _options("drug_user", "管控状态") == ("社区戒毒", "社区康复", "已戒断三年未复吸")
    assert _options("extreme_poverty", "供养方式") == ("集中供养", "分散供养")
    assert _options("disabled", "残疾类别") == ("视力", "听力", "言语", "肢体", "智力", "精神", "多重")
    assert _options("disabled", "残疾等级") == ("一级", "二级", "三级", "四级")
    assert _options("monitored", "监测类型") == ("脱贫不稳定户", "边缘易致贫户", "突发严重困难户")
    types = {f.label: f.type for f in codes.special_group("community_correction").fields}
    assert types["矫正起始日期"] == "date" and types["罪名"] == "text"
    assert {f.label for f in codes.special_group("released_prisoner").fields} >= {"释放日期", "原罪名", "帮教责任人"}
    assert {f.label for f in codes.special_group("pregnant").fields} >= {"预产期"}
    labels = {g.label for g in codes.special_groups()}
    for label in ["独居老人", "空巢老人", "留守老人", "困境儿童", "留守儿童", "优抚对象", "退役军人", "脱贫户",
                  "重点青少年", "重点上访人员", "重病慢病患者"]:
        assert label in labels
    assert codes.special_group("subsistence_allowance").group == "关爱对象"
    assert codes.special_group("community_correction").group == "重点人员"


def test_unknown_special_group():
    with pytest.raises(KeyError, match="未知的特殊人群类别代码「nope」"):
        codes.special_group("nope")


# --- case categories -------------------------------------------------------------------------------

def test_case_categories():
    categories = codes.case_categories()
    assert [c.label for c in categories] == ["社会治安", "公共安全", "城市管理", "环境保护", "民生服务", "文明城市", "帮扶"]
    for category in categories:
        assert 5 <= len(category.subtypes) <= 8
        assert all(s.code.startswith(category.code) and len(s.code) == 4 for s in category.subtypes)
    subtypes = {s.label for c in categories for s in c.subtypes}
    assert {"矛盾纠纷", "消防安全", "出租屋安全", "违章搭建", "占道经营", "垃圾清运", "环境污染", "困难救助",
            "就业社保", "不文明行为"} <= subtypes


# --- surname readings -------------------------------------------------------------------------------

def test_surname_readings():
    readings = codes.surname_readings()
    assert readings["曾"] == ("zeng",)
    assert readings["尉迟"] == ("yu", "chi")
    assert all(len(v) == len(k) and all(s.isascii() and s.isalpha() for s in v) for k, v in readings.items())
    readings["曾"] = ("x",)
    assert codes.surname_readings()["曾"] == ("zeng",)  # callers get a copy
