"""One member of the household page, with the fields in the order of the paper 采集簿.

The ID number does the typing for the user: as soon as it is complete it fills sex, birth date, age and
birthplace, or says exactly which digit is wrong; a valid but doubtful number (an address code abolished before
the birth year, a county code the tables lack) gets an amber warning that does not block saving. A number
already registered elsewhere is named with where it is registered, and the member can become a 迁入 of that
person instead of a duplicate record.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gridapp import idnumber
from gridapp.dates import age_on, format_date
from gridapp.dto import PersonInput, PersonLocation, PersonView
from gridapp.i18n import shown
from gridapp.services.people_rules import HEAD
from ui.context import AppContext
from ui.punctuation import bracketed, label_value, listed
from ui.widgets import banner
from ui.widgets.choice_combo import ChoiceCombo
from ui.widgets.code_combo import CodeCombo
from ui.widgets.date_edit import DateEdit, InlineError, InlineWarning, checked
from ui.widgets.tag_editor import TagEditor

LOCAL = "户籍人口"  # the residence kind that has no 来源地 or 来本地日期
SEXES = ("男", "女")  # what an ID number says; the sex table's 未知/未说明 are not offered
INSURED = [("", None), (QT_TRANSLATE_NOOP("PersonEditor", "已参保"), True),  # 基本医疗保险
           (QT_TRANSLATE_NOOP("PersonEditor", "未参保"), False)]
SCHOOLING = [("", ""), (QT_TRANSLATE_NOOP("PersonEditor", "在校"), "在校"),  # for school-age children only
             (QT_TRANSLATE_NOOP("PersonEditor", "失学"), "失学")]


def _wrapped(text: str) -> QLabel:
    """A field's label that may take two lines where the width is short (English labels are long)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    return label


def _read_only() -> QLineEdit:
    edit = QLineEdit()
    edit.setReadOnly(True)
    edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return edit


class PersonEditor(QWidget):
    """Edits one member; ``value()`` is the PersonInput to save, ``errors()`` what blocks saving."""

    changed = Signal()  # any edit by the user; forwarded from Qt's own signals, never emitted from Python

    def __init__(self, ctx: AppContext, household_id: str | None, person: PersonView | None = None,
                 relation: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.household_id = household_id
        self.person_id = person.id if person else None
        self.move_in = False
        self._looked_up = ""
        self._found: PersonLocation | None = None
        self._build()
        if person:
            self._load(person)
        else:
            self.relation.set_value(relation)
            self._update_origin()
        self._connect()

    # -- building ---------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.name = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText(self.tr("18位，末位可为 X"))
        self.id_error = InlineError()
        self.id_warning = InlineWarning()
        self.duplicate = QLabel()
        self.duplicate.setObjectName("duplicateWarning")
        self.duplicate.setStyleSheet(banner.STYLES["notice"])
        self.duplicate.setWordWrap(True)
        self.move_in_button = QPushButton(self.tr("迁入本户"))
        self.sex = ChoiceCombo([("", ""), *((shown(sex, "sex"), sex) for sex in SEXES)])
        self.birth_date = DateEdit()
        self.age = _read_only()
        self.birthplace = _read_only()
        self.relation = CodeCombo("relation", required=True)
        self.coded = {
            "relation": self.relation,
            "ethnicity": CodeCombo("ethnicity"),
            "political_status": CodeCombo("political_status"),
            "education": CodeCombo("education"),
            "marital_status": CodeCombo("marital_status"),
            "residence_kind": CodeCombo("residence_kind", required=True),
            "status": CodeCombo("person_status", required=True),
        }
        self.coded["residence_kind"].set_value(LOCAL)
        self.coded["status"].set_value("在册")
        self.texts = {key: QLineEdit() for key in ("occupation", "employer", "phone", "origin")}
        self.arrival_date = DateEdit()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 3 + 12)
        self.tags = TagEditor()
        self.insured = ChoiceCombo([(self.tr(text), value) for text, value in INSURED])
        self.schooling = ChoiceCombo([(self.tr(text), value) for text, value in SCHOOLING])
        self.schooling.setToolTip(self.tr("只填适龄儿童：在校或失学（含辍学）"))

        duplicate_row = QHBoxLayout()
        duplicate_row.setContentsMargins(0, 0, 0, 0)
        duplicate_row.addWidget(self.duplicate, 1)
        duplicate_row.addWidget(self.move_in_button)
        id_box = QWidget()
        id_layout = QVBoxLayout(id_box)
        id_layout.setContentsMargins(0, 0, 0, 0)
        id_layout.setSpacing(2)
        id_layout.addWidget(self.id_number)
        id_layout.addWidget(self.id_error)
        id_layout.addWidget(self.id_warning)
        id_layout.addLayout(duplicate_row)
        self._show_duplicate()

        c = self.coded
        pairs = [
            (self.tr("姓名"), self.name), (self.tr("身份证号"), id_box),
            (self.tr("性别"), self.sex), (self.tr("出生日期"), checked(self.birth_date)),
            (self.tr("年龄"), self.age), (self.tr("籍贯/出生地"), self.birthplace),
            (self.tr("与户主关系"), checked(self.relation)), (self.tr("民族"), checked(c["ethnicity"])),
            (self.tr("政治面貌"), checked(c["political_status"])), (self.tr("文化程度"), checked(c["education"])),
            (self.tr("婚姻状况"), checked(c["marital_status"])), (self.tr("职业"), self.texts["occupation"]),
            (self.tr("工作单位"), self.texts["employer"]), (self.tr("联系电话"), self.texts["phone"]),
            (self.tr("人口类别"), checked(c["residence_kind"])), (self.tr("户籍地/来源地"), self.texts["origin"]),
            (self.tr("来本地日期"), checked(self.arrival_date)), (self.tr("状态"), checked(c["status"])),
            (self.tr("医疗保险"), self.insured), (self.tr("在校情况"), self.schooling),
        ]
        grid = QGridLayout()
        for i, (label, field) in enumerate(pairs):
            row, col = divmod(i, 2)
            grid.addWidget(_wrapped(label), row, col * 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(field, row, col * 2 + 1)
        last = len(pairs) // 2 + 1
        grid.addWidget(QLabel(self.tr("备注")), last, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.notes, last, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        tags_box = QGroupBox(self.tr("人群标签"))
        QVBoxLayout(tags_box).addWidget(self.tags)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(tags_box)
        layout.addStretch(1)

    def _connect(self) -> None:
        self.id_number.textEdited.connect(self._id_edited)
        self.id_number.editingFinished.connect(lambda: self._update_id(complete=True))
        self.move_in_button.clicked.connect(self.accept_move_in)
        self.move_in_button.clicked.connect(self.changed)
        self.birth_date.editingFinished.connect(self._update_age)
        self.coded["residence_kind"].edited.connect(self._update_origin)
        self.coded["residence_kind"].lineEdit().editingFinished.connect(self._update_origin)
        for edit in (self.name, self.id_number, self.birth_date, self.arrival_date, *self.texts.values()):
            edit.textEdited.connect(self.changed)
        for combo in self.coded.values():
            combo.edited.connect(self.changed)
        self.sex.activated.connect(self.changed)
        self.insured.edited.connect(self.changed)
        self.schooling.edited.connect(self.changed)
        self.notes.textChanged.connect(self.changed)
        self.tags.changed.connect(self.changed)

    def _load(self, p: PersonView) -> None:
        self.name.setText(p.name)
        self.id_number.setText(p.id_number)
        for key, combo in self.coded.items():
            combo.set_value(getattr(p, key))
        for key, edit in self.texts.items():
            edit.setText(getattr(p, key))
        self.sex.set_value(p.sex)
        self.birth_date.set_value(p.birth_date)
        self.arrival_date.set_value(p.arrival_date)
        self.notes.setPlainText(p.notes)
        self.insured.set_value(p.medical_insured)
        self.schooling.set_value(p.schooling)
        self.tags.set_tags(p.tags)
        self._update_id(complete=True)
        self._update_origin()

    # -- what the form asks -----------------------------------------------------------------------------------

    def focus_order(self) -> list[QWidget]:
        """The fields in the order of the paper page (the form skips hidden, disabled and read-only ones)."""
        c = self.coded
        return [self.name, self.id_number, self.move_in_button, self.sex, self.birth_date, self.relation,
                c["ethnicity"], c["political_status"], c["education"], c["marital_status"],
                self.texts["occupation"], self.texts["employer"], self.texts["phone"], c["residence_kind"],
                self.texts["origin"], self.arrival_date, c["status"], self.insured, self.schooling, self.notes,
                *self.tags.focus_order()]

    def value(self) -> PersonInput:
        c = self.coded
        return PersonInput(
            name=self.name.text().strip(), relation=self.relation.value(),
            id_number=idnumber.normalize(self.id_number.text()), sex=self.sex.value(),
            birth_date=self.birth_date.value(), ethnicity=c["ethnicity"].value(),
            political_status=c["political_status"].value(), education=c["education"].value(),
            marital_status=c["marital_status"].value(), occupation=self.texts["occupation"].text().strip(),
            employer=self.texts["employer"].text().strip(), phone=self.texts["phone"].text().strip(),
            residence_kind=c["residence_kind"].value(), origin=self.texts["origin"].text().strip(),
            arrival_date=self.arrival_date.value(), status=c["status"].value(),
            notes=self.notes.toPlainText().strip(), tags=self.tags.value(), id=self.person_id,
            move_in=self.move_in, medical_insured=self.insured.value(), schooling=self.schooling.value(),
        )

    def errors(self) -> list[tuple[QWidget, str]]:
        """What must be corrected before saving, each with the field to put the cursor in."""
        found: list[tuple[QWidget, str]] = []
        if not self.name.text().strip():
            found.append((self.name, self.tr("请填写姓名")))
        self._update_id(complete=True)
        if self.id_error.text():
            found.append((self.id_number, self.tr("身份证号：{error}").format(error=self.id_error.text())))
        found += [(combo, error) for combo in self.coded.values() if (error := combo.check())]
        for label, edit in ((self.tr("出生日期"), self.birth_date), (self.tr("来本地日期"), self.arrival_date)):
            if error := edit.check():
                found.append((edit, label_value(label, error)))
        found += [(self.tags, error) for error in self.tags.errors()]
        return found

    def row_texts(self) -> list[str]:
        """The member's line in the members table."""
        born = self.birth_date.value()
        age = age_on(born, self.ctx.ws.today())
        return [self.name.text().strip(), self.relation.shown_value(), idnumber.normalize(self.id_number.text()),
                self.sex.currentText(), format_date(born) if born else "", "" if age is None else str(age),
                self.coded["residence_kind"].shown_value(), self.coded["status"].shown_value(),
                self.insured.currentText(),
                self.schooling.currentText(), listed(self.tags.labels())]

    def is_head(self) -> bool:
        return self.relation.value() == HEAD

    def set_relation(self, label: str) -> None:
        self.relation.set_value(label)

    # -- ID number --------------------------------------------------------------------------------------------

    def _id_edited(self, text: str) -> None:
        if self.move_in and self._found and idnumber.normalize(text) != self._found.person.id_number:
            self.person_id, self.move_in = None, False  # a different number: no longer that person
        self._update_id(complete=len(idnumber.normalize(text)) >= 18)

    def _update_id(self, complete: bool) -> None:
        """Derive sex, birth date, age and birthplace from a complete, valid number, or show what is wrong.

        While the number is still being typed nothing is judged, so the user is not scolded half-way.
        """
        text = self.id_number.text().strip()
        info, error = None, ""
        if complete and text:
            try:
                info = idnumber.parse(text, today=self.ctx.ws.today())
            except idnumber.IdNumberError as exc:
                error = str(exc)
        self.id_error.show_error(error)
        self.id_warning.show_error("\n".join(info.warnings) if info else "")
        self.sex.setEnabled(info is None)
        self.birth_date.setReadOnly(info is not None)
        if info is not None:
            self.sex.set_value(info.sex)
            self.birth_date.set_value(info.birth_date)
            self._update_age()
        self.birthplace.setText((info.birthplace or "") if info else "")
        self._look_up(info.number if info else "")

    def _update_age(self) -> None:
        age = age_on(self.birth_date.value(), self.ctx.ws.today())
        self.age.setText("" if age is None else self.tr("{age}岁").format(age=age))

    def _look_up(self, number: str) -> None:
        """For a new member, find whether the number is already registered (once per distinct number)."""
        if (self.person_id and not self.move_in) or number == self._looked_up:
            return
        self._looked_up = number
        self._found = self.ctx.ws.query.person_by_id_number(number) if number else None
        self._show_duplicate()

    def _show_duplicate(self) -> None:
        found = self._found
        offer = False
        if found is None:
            text = ""
        else:
            where = "／".join(found.grid_path)
            if found.household_number:
                where += self.tr(" {number}号户").format(number=found.household_number)
            if found.household_address:
                where = bracketed(where, found.household_address)
            who = found.person.name
            if self.move_in:
                text = self.tr("将把{name}从{where}迁入本户，保存后生效。").format(name=who, where=where)
            elif found.person.household_id == self.household_id:
                text = self.tr("这个身份证号码已是本户{name}的号码。").format(name=who)
            else:
                text = self.tr("这个身份证号码已登记为{name}（{relation}），在{where}。如果此人搬到了本户，"
                               "请按“迁入本户”。").format(name=who, relation=found.person.relation, where=where)
                offer = True
        self.duplicate.setText(text)
        self.duplicate.setVisible(bool(text))
        self.move_in_button.setVisible(offer)

    def accept_move_in(self) -> None:
        """迁入: this member becomes the registered person, filled from their record; the relation typed here
        stays, because it is the relation to this household's head."""
        found = self._found
        if found is None:
            return
        relation = self.relation.value()
        self.person_id, self.move_in = found.person.id, True
        self._load(found.person)
        self.relation.set_value(relation)
        self._show_duplicate()

    def _update_origin(self) -> None:
        away = self.coded["residence_kind"].value() not in ("", LOCAL)
        self.texts["origin"].setEnabled(away)
        self.arrival_date.setEnabled(away)
