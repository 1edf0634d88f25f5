"""Demo cases and a year of visits on top of the demo households (the last step of gridapp.demo.generate).

Every case's timeline is produced by the real workflow (gridapp.cases.workflow.apply), so the demo obeys the
same rules as the program: cases are left in every step, some overdue and supervised, some reopened by a
不满意 rating. Visits follow the due-visit rules unevenly, as real workers do: watched (红/黄) households
most often, special groups less, ordinary households now and then. Everything is drawn from a Random seeded
by the demo seed and written with bulk Core inserts (see rows) in the demo's transaction.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from gridapp import codes
from gridapp.cases import numbering, workflow
from gridapp.cases.due import visit_rules
from gridapp.cases.rules import default_rules
from gridapp.demo.draws import Weighted
from gridapp.demo.plan import TODAY
from gridapp.demo.rows import Rows
from gridapp.dto import Actor, CaseState
from gridapp.models import (
    Case,
    CaseLink,
    CaseStep,
    GridAssignment,
    GridNode,
    GridWorker,
    Household,
    Person,
    PersonTag,
    Place,
    Visit,
)
from gridapp.services.cases import STATE_FIELDS

if TYPE_CHECKING:
    from gridapp.workspace import Tx

SIZES = {"village": (300, 2400), "town": (3000, 20000), "county": (20000, 100000)}  # cases, visits a year
STALL_SHARE = 0.12  # cases that stop at some step and stay there
CATEGORIES = Weighted((("社会治安", 15), ("公共安全", 20), ("城市管理", 20), ("环境保护", 20), ("民生服务", 20),
                       ("文明城市", 5)))
SOURCES = Weighted((("巡查发现", 45), ("群众反映", 35), ("上级交办", 8), ("热线", 10), ("其他", 2)))
URGENCIES = Weighted((("一般", 75), ("紧急", 18), ("重大", 6), ("特别重大", 1)))
LEVELS = Weighted((("网格自办", 45), ("村(社区)", 35), ("镇(街道)", 15), ("县级部门", 5)))
RATINGS = Weighted((("满意", 72), ("基本满意", 20), ("不满意", 8)))
PLACE_SUBTYPES = {"消防安全", "安全生产", "食品药品安全", "占道经营", "噪声扰民", "燃气安全"}
VISIT_KINDS = Weighted((("入户走访", 75), ("电话回访", 25)))
CONTENT = {
    "watch": ("入户了解家庭近况，宣讲政策，叮嘱注意安全", "上门核实家庭变化情况，查看住房安全", "了解近况，情绪稳定，无异常"),
    "special": ("了解身体和生活情况，送去慰问品", "核实帮扶措施落实情况", "询问用药和就医情况，提醒按时复查"),
    "ordinary": ("入户登记信息核对，宣传防诈骗知识", "了解家庭生产生活情况", "宣传垃圾分类和消防安全知识"),
    "patrol": ("日常巡查网格内道路、沟渠和公共设施", "巡查沿街商户消防和卫生情况", "夜间巡查重点部位"),
}
FINDINGS = Weighted((("", 80), ("无异常", 15), ("发现问题，已当场提醒整改", 5)))
TITLES = {
    "矛盾纠纷": ("邻里宅基地边界纠纷", "家庭赡养纠纷", "土地承包经营纠纷"), "治安隐患": ("路段夜间无照明存在治安隐患",),
    "电信网络诈骗": ("村民疑似遭遇电信网络诈骗",), "涉黑涉恶线索": ("群众反映涉恶线索",),
    "黄赌毒": ("有人聚众赌博",), "非法集资": ("有人以高息为诱饵吸收资金",), "可疑人员": ("出现可疑人员车辆",),
    "消防安全": ("店铺内电动车违规充电", "楼道堆放杂物堵塞消防通道"), "出租屋安全": ("出租屋私拉乱接电线",),
    "安全生产": ("作坊安全防护措施不到位",), "食品药品安全": ("商店销售过期食品",),
    "道路交通安全": ("路口缺少减速警示标志",), "房屋安全": ("老旧房屋墙体开裂",), "燃气安全": ("液化气罐存放不规范",),
    "防汛防灾": ("沟渠淤堵影响排水",), "违章搭建": ("房前私自搭建彩钢棚",), "占道经营": ("商户占道经营",),
    "乱堆乱放": ("门前乱堆柴草杂物",), "乱贴乱画": ("墙面乱贴小广告",), "市政设施损坏": ("路灯损坏不亮", "井盖缺失"),
    "车辆乱停放": ("车辆乱停堵塞通道",), "绿化损毁": ("绿化带被毁种菜",), "垃圾清运": ("垃圾桶满溢未及时清运",),
    "环境污染": ("附近有异味排放",), "水体污染": ("坑塘水体发黑发臭",), "露天焚烧": ("田间焚烧秸秆",),
    "噪声扰民": ("夜间施工噪声扰民",), "畜禽养殖污染": ("散养畜禽粪污乱排",), "污水乱排": ("生活污水直排路面",),
    "困难救助": ("家庭因病生活困难申请救助",), "就业社保": ("咨询城乡居民养老保险缴费",), "医疗卫生": ("老人行动不便需上门医疗",),
    "教育服务": ("适龄儿童入学咨询",), "养老服务": ("独居老人需要助餐服务",), "供水供电": ("自来水水压不足", "片区频繁停电"),
    "住房保障": ("危房改造申请",), "证照代办": ("老人代办社保卡",), "不文明行为": ("公共场所不文明行为",),
    "文明养犬": ("犬只未拴养扰民",), "移风易俗": ("红白喜事大操大办",), "公共秩序": ("广场舞音响过大影响休息",),
    "公益宣传设施": ("公益宣传牌破损",), "志愿服务": ("群众希望组织志愿服务",),
}

NOW = datetime.combine(TODAY, time(10, 0))  # the demo's "now": cases, visits and the 红黄绿 judgement


@dataclass
class _Grid:
    """A lowest-level grid with who works there: its worker, the village head, the town."""

    id: str
    code: str
    worker: tuple[str | None, str]  # (worker id, name)
    chief: str
    town: str


def fill(tx: Tx, scale: str, seed: int) -> None:
    """Add the demo cases and visits of ``scale`` inside the demo's write transaction ``tx``."""
    rng = random.Random(f"gridapp-demo-cases-{seed}")
    rows = Rows(tx, rng, (Visit, Case, CaseStep, CaseLink))
    world = _World(tx.session)
    n_cases, n_visits = SIZES[scale]
    now = NOW
    cases = _Cases(rows, world, rng, now, numbering.office_tag(tx.stamp.office_id))
    for i in range(n_cases):
        cases.make(i)
    _Visits(rows, world, rng, TODAY).make(n_visits - cases.visits)
    rows.flush()


class _World:
    """What the demo households generator left in the database, read back in a deterministic order."""

    def __init__(self, s: Any) -> None:
        nodes = {n.id: n for n in s.execute(select(GridNode.id, GridNode.parent_id, GridNode.level, GridNode.name,
                                                   GridNode.code).order_by(GridNode.path))}
        roles: dict[tuple[str, str], tuple[str, str]] = {}
        for grid_id, role, worker_id, name in s.execute(
                select(GridAssignment.grid_id, GridAssignment.role, GridWorker.id, GridWorker.name)
                .join(GridWorker, GridWorker.id == GridAssignment.worker_id).order_by(GridAssignment.id)):
            roles.setdefault((grid_id, role), (worker_id, name))
        self.households = s.execute(select(Household.id, Household.grid_id, Household.colour, Household.address)
                                    .order_by(Household.id)).all()
        self.heads = {p.household_id: p for p in s.execute(
            select(Person.household_id, Person.id, Person.name, Person.phone).where(Person.relation == "户主"))}
        self.places = s.execute(select(Place.id, Place.grid_id, Place.name, Place.address).order_by(Place.id)).all()
        special = set().union(*(r.categories or set() for r in visit_rules() if r.target == "person"))
        tagged = s.execute(select(Person.household_id, Person.id).join(PersonTag, PersonTag.person_id == Person.id)
                           .where(PersonTag.category.in_(sorted(special))).order_by(Person.id)).all()
        self.special: dict[str, list[str]] = defaultdict(list)
        for household_id, person_id in tagged:
            if person_id not in self.special[household_id]:
                self.special[household_id].append(person_id)
        self.grids = {gid: self._grid(nodes, roles, gid) for gid in dict.fromkeys(h.grid_id for h in self.households)}

    @staticmethod
    def _grid(nodes: dict[str, Any], roles: dict[tuple[str, str], tuple[str, str]], leaf: str) -> _Grid:
        chain = [nodes[leaf]]
        while chain[-1].parent_id:
            chain.append(nodes[chain[-1].parent_id])
        by_level = {n.level: n for n in chain}
        worker = roles.get((by_level[4].id, "网格员"), (None, "网格员"))
        chief = roles.get((by_level[3].id, "网格长"), (None, f"{by_level[3].name}村委会"))[1]
        return _Grid(leaf, nodes[leaf].code, worker, chief, by_level[2].name)


class _Cases:
    def __init__(self, rows: Rows, world: _World, rng: random.Random, now: datetime, tag: str) -> None:
        self.rows, self.world, self.rng, self.now, self.tag = rows, world, rng, now, tag
        self.rules = default_rules()
        self.categories = {c.label: c for c in codes.case_categories()}
        self.sequences: dict[str, int] = defaultdict(int)
        self.visits = 0  # visits written for cases found on patrol

    def make(self, index: int) -> None:
        rng = self.rng
        category = self.categories[CATEGORIES.draw(rng)]
        subtype = rng.choice(category.subtypes).label
        home = rng.choice(self.world.households)
        place = rng.choice(self.world.places) if subtype in PLACE_SUBTYPES and self.world.places else None
        grid = self.world.grids.get(place.grid_id if place else home.grid_id) or self.world.grids[home.grid_id]
        where = place.name if place else home.address
        source = SOURCES.draw(rng)
        # The first cases stop at each step in turn, old enough to get there: every state shows in a small demo.
        if index < len(workflow.STEPS) - 1:
            stall: str | None = workflow.STEPS[index]
            accepted = self.now - timedelta(days=rng.uniform(20, 60))
        else:
            stall = rng.choice(workflow.STEPS[:-1]) if rng.random() < STALL_SHARE else None
            accepted = self.now - timedelta(days=rng.uniform(0, 365), hours=3)
        accepted = accepted.replace(hour=rng.randint(8, 17), minute=rng.randrange(60), second=0, microsecond=0)
        reporter = self.world.heads[home.id] if source in ("群众反映", "热线") else None
        title = f"{where}{rng.choice(TITLES[subtype])}"
        state, entries = self.timeline(grid, accepted, URGENCIES.draw(rng), stall)
        found_on_patrol = source == "巡查发现" and rng.random() < 0.5
        visit = self.patrol_visit(grid, accepted.date(), title) if found_on_patrol else None
        seq_prefix = numbering.prefix(grid.code, accepted.year, self.tag)
        self.sequences[seq_prefix] += 1
        case = self.rows.add(
            Case, number=numbering.number(seq_prefix, self.sequences[seq_prefix]), title=title,
            category=category.label, subtype=subtype, source=source, grid_id=grid.id, visit_id=visit,
            place_text=where, occurred_at=accepted - timedelta(minutes=rng.randrange(30, 2880)),
            description=f"{source}：{title}。", reporter_name=reporter.name if reporter else "",
            reporter_phone=(reporter.phone or "") if reporter else "",
            **{f: getattr(state, f) for f in STATE_FIELDS},
        )
        for ordinal, e in enumerate(entries, start=1):
            self.rows.add(CaseStep, case_id=case["id"], ordinal=ordinal, action=e.action, step_before=e.step_before,
                       step_after=e.step_after, actor_name=e.actor_name, actor_role=e.actor_role, at=e.at,
                       note=e.note, data=e.data)
        for kind, target in (("place", place.id if place else None), ("household", home.id),
                             ("person", reporter.id if reporter else None)):
            if target and (kind != "household" or not place):
                self.rows.add(CaseLink, case_id=case["id"], target_kind=kind, target_id=target)

    def timeline(self, grid: _Grid, accepted: datetime, urgency: str,
                 stall: str | None) -> tuple[CaseState, list[workflow.Entry]]:
        """Walk the loop with the real workflow until ``now`` or the stall step."""
        rng = self.rng
        worker = Actor(grid.worker[1], role="网格员")
        admin = Actor(grid.chief, role="村(社区)管理员")
        town = Actor(f"{grid.town}综治中心", role="镇(街道)管理员")
        t = accepted
        first = workflow.apply(CaseState(), "受理", worker, t, {"urgency": urgency}, self.rules)
        state, entries = first.state, [first.entry]
        span = self.rules.deadline_days[urgency] * 24
        progress = max(rng.randint(0, 2), stall in (workflow.TRACKING, workflow.SUPERVISING))
        while state.step not in (stall, workflow.ARCHIVED):
            action, actor, values, hours = self.next_action(state, span, progress, stall, (worker, admin, town), t)
            start = max(t, state.deadline) if action == "督办" and state.deadline else t
            t = (start + timedelta(hours=hours)).replace(second=0, microsecond=0)
            if t > self.now:
                break
            if action == "进展":
                progress -= 1
            step = workflow.apply(state, action, actor, t, values, self.rules)
            state = step.state
            entries.append(step.entry)
        return state, entries

    def next_action(self, state: CaseState, span: float, progress: int, stall: str | None,
                    actors: tuple[Actor, Actor, Actor], t: datetime) -> tuple[str, Actor, dict[str, Any], float]:
        """What happens next to a case, by whom, with which form, after how many hours."""
        rng = self.rng
        worker, admin, town = actors
        step = state.step
        if step == workflow.ACCEPTED:
            level = LEVELS.draw(rng)
            options = self.rules.departments_for(level)
            named = options and (level in self.rules.needs_department or rng.random() < 0.6)
            department = rng.choice(options) if named else ""
            values = {"level": level, "department": department, "note": "按职责分类转办"}
            return "转办", admin, values, rng.uniform(0.2, 12)
        if step in workflow.HANDLING:
            late = state.deadline is not None and t + timedelta(hours=span * 0.3) > state.deadline
            if (late or stall == workflow.SUPERVISING) and state.supervisions == 0 and step != workflow.SUPERVISING:
                note = "已超过办结期限，请加快办理" if late else "群众反映强烈，请限期办结"
                return "督办", town, {"note": note}, rng.uniform(2, 48)
            if step == workflow.DISPATCHED and state.handling_level != "县级部门" and rng.random() < 0.06:
                level = self.rules.levels[self.rules.rank(state.handling_level) + 1]
                options = self.rules.departments_for(level)
                return "上报", admin, {"level": level, "department": rng.choice(options) if options else "",
                                       "note": "本级难以解决，提请上级协调"}, rng.uniform(2, 48)
            if progress > 0:
                return "进展", worker, {"note": "已与当事人沟通，正在协调处理"}, span * rng.uniform(0.1, 0.4)
            return "反馈结果", worker, {"note": "问题已处理完毕，现场复核无误"}, span * rng.uniform(0.1, 0.7)
        if step == workflow.RESULT:
            rating = RATINGS.draw(rng) if state.reopened == 0 else "满意"
            note = "问题反复出现，群众不满意" if rating == "不满意" else "回访当事人"
            return "评价", worker, {"rating": rating, "note": note}, rng.uniform(2, 48)
        if step == workflow.RATED:
            handler = state.department or state.handling_level
            summary = f"事项已由{handler}办结，经回访群众评价为“{state.satisfaction}”。"
            return "公示", admin, {"summary": summary}, rng.uniform(2, 72)
        return "归档", admin, {"note": "资料齐全，予以归档销号"}, rng.uniform(24, 240)

    def patrol_visit(self, grid: _Grid, day: date, title: str) -> str:
        self.visits += 1
        worker_id, name = grid.worker
        return self.rows.add(Visit, kind="巡查", visited_on=day, worker_id=worker_id, worker_name=name,
                          target_kind="grid", target_id=grid.id, grid_id=grid.id, household_id=None,
                          content=CONTENT["patrol"][0], findings=title, follow_up="已登记事件")["id"]


class _Visits:
    """A year of visits: watched households first, then special groups, then everyone else, then patrols."""

    def __init__(self, rows: Rows, world: _World, rng: random.Random, today: date) -> None:
        self.rows, self.world, self.rng, self.today = rows, world, rng, today

    def make(self, budget: int) -> None:
        world, rng = self.world, self.rng
        patrols = budget // 12
        left = budget - patrols
        watched = [h for h in world.households if h.colour in ("红", "黄")]
        special = [h for h in world.households if h.colour not in ("红", "黄") and h.id in world.special]
        ordinary = [h for h in world.households if h.colour not in ("红", "黄") and h.id not in world.special]
        for group, kind, share, fastest in ((watched, "watch", 0.45, 13), (special, "special", 0.6, 26),
                                            (ordinary, "ordinary", 1.0, 75)):
            if not group:
                continue
            every = max(fastest, 365 * len(group) / max(left * share, 1))
            left -= self.schedule(group, kind, every, left)
        for _ in range(patrols + max(left, 0)):
            grid = rng.choice(list(world.grids.values()))
            self.add(grid, "巡查", "grid", grid.id, "patrol", self.today - timedelta(days=rng.randrange(365)))

    def schedule(self, group: list[Any], kind: str, every: float, budget: int) -> int:
        """Visits every ``every`` days or so, back from a recent one; never more than ``budget``."""
        written = 0
        for home in group:
            cadence = every * self.rng.uniform(0.7, 1.4)
            day = self.today - timedelta(days=self.rng.uniform(0, cadence * 1.2))
            while day > self.today - timedelta(days=365) and written < budget:
                grid = self.world.grids[home.grid_id]
                people = self.world.special.get(home.id, [])
                person = self.rng.choice(people) if people and self.rng.random() < 0.3 else None
                self.add(grid, VISIT_KINDS.draw(self.rng), "person" if person else "household", person or home.id,
                         kind, day, home.id)
                written += 1
                day -= timedelta(days=cadence * self.rng.uniform(0.8, 1.2))
        return written

    def add(self, grid: _Grid, kind: str, target_kind: str, target_id: str, content: str, day: date,
            household_id: str | None = None) -> None:
        rng = self.rng
        findings = FINDINGS.draw(rng)
        worker_id, name = grid.worker
        self.rows.add(Visit, kind=kind, visited_on=day, worker_id=worker_id, worker_name=name, target_kind=target_kind,
                   target_id=target_id, grid_id=grid.id, household_id=household_id,
                   content=rng.choice(CONTENT[content]), findings=findings,
                   follow_up="下次走访复查" if findings.startswith("发现") else "")
