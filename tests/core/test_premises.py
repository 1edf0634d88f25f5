"""实有房屋 and 场所: the list and detail queries, their filters, and the service's checks on typed values."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from factories import Tree, family

from gridapp.dto import SYSTEM
from gridapp.errors import NotFound, RuleViolation
from gridapp.workspace import Workspace


def _house(ws: Workspace, grid_id: str, address: str, **fields) -> str:
    return ws.houses.create(SYSTEM, grid_id, address=address, **fields).id


def test_houses_in_a_subtree_count_the_live_households_living_there(ws: Workspace, tree: Tree) -> None:
    rented = _house(ws, tree.micro, "幸福村1组1号", use="出租", owner_name="王大山", safety_rating="D")
    _house(ws, tree.grid2, "幸福村2组5号")
    first = ws.households.create(SYSTEM, replace(family(tree.micro, "001"), house_id=rented)).id
    ws.households.create(SYSTEM, replace(family(tree.micro, "002", head_id=""), house_id=rented))
    assert [(h.address, h.household_count) for h in ws.query.houses(tree.village)] == [
        ("幸福村1组1号", 2), ("幸福村2组5号", 0)]
    assert [h.address for h in ws.query.houses(tree.grid1)] == ["幸福村1组1号"]

    ws.recycle.delete(SYSTEM, "household", first)
    [row] = ws.query.houses(tree.grid1)
    assert (row.use, row.safety_rating, row.owner_name, row.household_count) == ("出租", "D级（危房）", "王大山", 1)


def test_house_filters_accept_labels_codes_and_aliases(ws: Workspace, tree: Tree) -> None:
    _house(ws, tree.grid1, "1号", use="出租", safety_rating="D级（危房）")
    _house(ws, tree.grid1, "2号", use="自住", safety_rating="A")
    _house(ws, tree.grid1, "3号", use="出租", safety_rating="A")
    assert [h.address for h in ws.query.houses(tree.county, use="出租")] == ["1号", "3号"]
    assert [h.address for h in ws.query.houses(tree.county, safety_rating="危房")] == ["1号"]
    assert [h.address for h in ws.query.houses(tree.county, use="出租", safety_rating="A级（安全）")] == ["3号"]
    assert ws.query.houses(tree.county, use="空置") == []


def test_house_detail_has_every_field_and_the_households_living_there(ws: Workspace, tree: Tree) -> None:
    hid = _house(ws, tree.grid1, " 幸福村1组1号 ", use="出租", structure="砖混", area="120.5", floors="2",
                 safety_rating="B", owner_name="王大山", owner_phone="13800000000",
                 owner_id_number="110105491231002", rent_purpose="居住", rent_start="2024.3.1",
                 rent_end="20250228", tenant_count="3", notes="临街")
    household = ws.households.create(SYSTEM, replace(family(tree.grid1), house_id=hid)).id
    view = ws.query.house(hid)
    assert view.grid_path == ("宁陵县", "清河镇", "幸福村", "第一网格")
    assert (view.address, view.use, view.structure, view.area, view.floors, view.safety_rating) == (
        "幸福村1组1号", "出租", "砖混", 120.5, 2, "B级（基本安全）")
    assert (view.owner_name, view.owner_phone, view.owner_id_number) == ("王大山", "13800000000", "11010519491231002X")
    assert (view.rent_purpose, view.rent_start, view.rent_end, view.tenant_count, view.notes) == (
        "居住", date(2024, 3, 1), date(2025, 2, 28), 3, "临街")
    assert [(h.id, h.number, h.head_name, h.member_count) for h in view.households] == [
        (household, "001", "曾秀英", 3)]


def test_a_deleted_house_or_place_is_not_found(ws: Workspace, tree: Tree) -> None:
    hid = _house(ws, tree.grid1, "1号")
    pid = ws.places.create(SYSTEM, tree.grid1, name="幸福超市").id
    ws.recycle.delete(SYSTEM, "house", hid)
    ws.recycle.delete(SYSTEM, "place", pid)
    with pytest.raises(NotFound, match="找不到该房屋"):
        ws.query.house(hid)
    with pytest.raises(NotFound, match="找不到该场所"):
        ws.query.place(pid)


@pytest.mark.parametrize(("fields", "message"), [
    ({"area": "-5"}, "建筑面积不能小于 0"),
    ({"area": "一百"}, "建筑面积应填写数字"),
    ({"area": "nan"}, "建筑面积应填写数字"),
    ({"floors": "2.5"}, "层数应为整数"),
    ({"floors": -1}, "层数不能小于 0"),
    ({"use": "出租", "tenant_count": "三"}, "租住人数应填写数字"),
    ({"use": "出租", "rent_start": "2025-03-01", "rent_end": "2024-03-01"}, "止租日期 2024-03-01 早于起租日期"),
    ({"use": "出租", "rent_start": "2025-02-30"}, "起租日期：日期 2025-02-30 不存在"),
    ({"owner_id_number": "110105194912310021"}, "房主身份证号码有误：第18位校验码应为 X，实际为 1"),
    ({"address": "  "}, "请填写房屋的地址"),
])
def test_bad_house_values_are_refused_in_chinese_and_nothing_is_saved(ws: Workspace, tree: Tree, fields,
                                                                       message) -> None:
    with pytest.raises(RuleViolation, match=message):
        ws.houses.create(SYSTEM, tree.grid1, **{"address": "1号", **fields})
    assert ws.query.houses(tree.county) == []


def test_a_refused_update_leaves_the_house_as_it_was(ws: Workspace, tree: Tree) -> None:
    hid = _house(ws, tree.grid1, "1号", area=80)
    with pytest.raises(RuleViolation):
        ws.houses.update(SYSTEM, hid, address="2号", area="-1")
    assert (ws.query.house(hid).address, ws.query.house(hid).area) == ("1号", 80)


def test_rent_details_are_kept_only_while_the_house_is_let(ws: Workspace, tree: Tree) -> None:
    hid = _house(ws, tree.grid1, "1号", use="自住", rent_purpose="居住", tenant_count=2)
    assert (ws.query.house(hid).rent_purpose, ws.query.house(hid).tenant_count) == ("", None)
    ws.houses.update(SYSTEM, hid, use="出租", rent_purpose="居住", rent_start=date(2024, 1, 1), tenant_count=2)
    ws.houses.update(SYSTEM, hid, notes="新粉刷")  # a partial update keeps the rent
    assert ws.query.house(hid).rent_start == date(2024, 1, 1)
    ws.houses.update(SYSTEM, hid, use="空置")
    view = ws.query.house(hid)
    assert (view.rent_purpose, view.rent_start, view.rent_end, view.tenant_count) == ("", None, None, None)


def test_blank_numbers_and_dates_mean_unknown(ws: Workspace, tree: Tree) -> None:
    hid = _house(ws, tree.grid1, "1号", area=" ", floors="", use="出租", rent_start="", tenant_count="0")
    view = ws.query.house(hid)
    assert (view.area, view.floors, view.rent_start, view.tenant_count) == (None, None, None, 0)


def test_places_filter_by_type_and_risk_level_and_show_every_field(ws: Workspace, tree: Tree) -> None:
    shop = ws.places.create(SYSTEM, tree.grid1, name="幸福超市", type="超市", risk_level="低", address="1组",
                            contact_name="李四", contact_phone="13900000000", licence_no="92411423MA12345678",
                            notes="24小时").id
    ws.places.create(SYSTEM, tree.micro, name="烟花爆竹零售点", type="九小场所", risk_level="高风险")
    ws.places.create(SYSTEM, tree.grid2, name="幸福小学", type="学校", risk_level="中")
    assert [p.name for p in ws.query.places(tree.grid1)] == ["幸福超市", "烟花爆竹零售点"]
    assert [p.name for p in ws.query.places(tree.county, risk_level="高")] == ["烟花爆竹零售点"]
    assert [p.name for p in ws.query.places(tree.county, type="商超")] == ["幸福超市"]
    assert ws.query.places(tree.county, type="学校", risk_level="低") == []

    detail = ws.query.place(shop)
    assert detail.grid_path[-1] == "第一网格"
    assert (detail.name, detail.type, detail.address, detail.contact_name, detail.contact_phone,
            detail.licence_no, detail.risk_level, detail.notes) == (
        "幸福超市", "商超", "1组", "李四", "13900000000", "92411423MA12345678", "低", "24小时")


def _premises(ws: Workspace, tree: Tree) -> None:
    """Houses and places with ties in every column, some deleted, spread over two grids."""
    _house(ws, tree.grid1, "3号", use="出租", structure="砖混", safety_rating="D", owner_name="王大山",
           owner_phone="13800000002")
    _house(ws, tree.micro, "1号", use="出租", structure="", safety_rating="B", owner_name="李四")
    _house(ws, tree.grid2, "2号", use="自住", structure="砖混", safety_rating="B", owner_name="王大山",
           owner_phone="13800000001")
    _house(ws, tree.grid2, "1号", use="空置", structure="框架", owner_name="")
    home = _house(ws, tree.grid1, "5号", use="自住", safety_rating="A")
    for number in ("001", "002"):
        ws.households.create(SYSTEM, replace(family(tree.micro, number, head_id=""), house_id=home))
    ws.recycle.delete(SYSTEM, "house", _house(ws, tree.grid1, "0号"))
    for name, kind, risk, phone in (("幸福超市", "商超", "低", "139"), ("幸福饭店", "餐饮", "中", ""),
                                    ("幸福超市", "商超", "高", "137"), ("烟花爆竹零售点", "九小场所", "高", "")):
        ws.places.create(SYSTEM, tree.grid1, name=name, type=kind, risk_level=risk, contact_phone=phone,
                         address=name[:2])
    ws.recycle.delete(SYSTEM, "place", ws.places.create(SYSTEM, tree.grid2, name="已关门").id)


@pytest.mark.parametrize("sort", ["address", "use", "structure", "safety_rating", "owner_name", "owner_phone",
                                  "household_count"])
@pytest.mark.parametrize("descending", [False, True])
def test_house_ids_come_in_the_order_the_list_sorted_them_in_before(ws: Workspace, tree: Tree, sort: str,
                                                                    descending: bool) -> None:
    _premises(ws, tree)
    whole = ws.query.houses(tree.county)  # by address: ties of a sorted column keep this order
    assert ws.query.house_ids(tree.county, sort=sort, descending=descending) == [
        h.id for h in sorted(whole, key=lambda h: getattr(h, sort), reverse=descending)]


@pytest.mark.parametrize("sort", ["name", "type", "address", "contact_name", "contact_phone", "risk_level"])
@pytest.mark.parametrize("descending", [False, True])
def test_place_ids_come_in_the_order_the_list_sorted_them_in_before(ws: Workspace, tree: Tree, sort: str,
                                                                    descending: bool) -> None:
    _premises(ws, tree)
    whole = ws.query.places(tree.county)
    assert ws.query.place_ids(tree.county, sort=sort, descending=descending) == [
        p.id for p in sorted(whole, key=lambda p: getattr(p, sort), reverse=descending)]


def test_id_queries_filter_and_scope_as_the_whole_lists_do(ws: Workspace, tree: Tree) -> None:
    _premises(ws, tree)
    for scope in (tree.county, tree.grid1, tree.grid2, tree.micro):
        for use, rating in ((None, None), ("出租", None), (None, "B级"), ("自住", "A")):
            assert ws.query.house_ids(scope, use=use, safety_rating=rating) == [
                h.id for h in ws.query.houses(scope, use=use, safety_rating=rating)]
        for kind, risk in ((None, None), ("商超", None), (None, "高"), ("商超", "高风险")):
            assert ws.query.place_ids(scope, type=kind, risk_level=risk) == [
                p.id for p in ws.query.places(scope, type=kind, risk_level=risk)]
    assert ws.query.house_ids(tree.grid1, use="空置") == [] and ws.query.place_ids(tree.grid2) == []


def test_rows_of_a_page_of_ids_come_in_the_order_asked_leaving_out_gone_ones(ws: Workspace, tree: Tree) -> None:
    _premises(ws, tree)
    houses = {h.id: h for h in ws.query.houses(tree.county)}
    page = ws.query.house_ids(tree.county, sort="household_count", descending=True)
    assert ws.query.house_rows(page) == [houses[i] for i in page]
    assert houses[page[0]].household_count == 2
    ws.recycle.delete(SYSTEM, "house", page[1])
    assert ws.query.house_rows(page[:3]) == [houses[page[0]], houses[page[2]]]
    assert ws.query.house_rows([]) == []

    places = {p.id: p for p in ws.query.places(tree.county)}
    page = list(reversed(ws.query.place_ids(tree.county)))
    assert ws.query.place_rows(page) == [places[i] for i in page]
    ws.recycle.delete(SYSTEM, "place", page[0])
    assert ws.query.place_rows(page[:2]) == [places[page[1]]]
