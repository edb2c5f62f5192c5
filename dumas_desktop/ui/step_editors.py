"""What each SOP step's wizard page lets the officer fill in, by the step's form.

An editor shows its fields, tells the live checklist how the case would look with what
was typed (apply_to), names what is still missing for the record itself (problems),
and hands the wizard a plain action to run on the database worker (collect): widgets
are read on the UI thread only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from itertools import pairwise
from typing import Any, TypeVar, cast

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ..domain import catalog
from ..domain.checks import CaseSnapshot, WorksheetSnapshot
from ..domain.texts import date_time
from ..services import forwarding, minutes, review, screening, workflow
from ..services.case_file import CaseDetail
from ..services.context import Workspace
from ..services.forwarding import DecisionInput, LetterInput
from ..services.minutes import MinutesInput, MinutesView, PlenaryInput
from ..services.review import WorksheetInput
from ..services.screening import DispositionInput
from ..services.workflow import StepContext, StepOutcome
from .texts import tr

W = TypeVar("W", bound=QWidget)


@dataclass(frozen=True)
class Extras:
    """What some pages prefill from outside the case: the office's officials (name,
    position, the SOP actor label they sign as), the signed-in user's name, and the
    draft minutes a plenary adopts."""

    officials: tuple[tuple[str, str, str], ...] = ()
    user_name: str = ""
    minutes: MinutesView | None = None


# The action a finished page runs: (workspace, case id, outcome, confirmations) -> result.
Action = Callable[[Workspace, int, str | None, frozenset[str]], StepOutcome | None]


def text_edit(lines: int = 4) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(22 * lines)
    return edit


def datetime_edit(value: datetime | None = None) -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime(value or datetime.now().replace(second=0, microsecond=0)))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy HH.mm")
    return edit


def py_datetime(edit: QDateTimeEdit) -> datetime:
    # The stubs give toPython() as object; a QDateTime's is a datetime.
    value = cast(datetime, edit.dateTime().toPython())
    return value.replace(second=0, microsecond=0)


class StepEditor(QWidget):
    changed = Signal()

    def __init__(self, context: StepContext, detail: CaseDetail) -> None:
        super().__init__()
        self.context = context
        self.detail = detail
        self.form = QFormLayout(self)
        self._fields: dict[str, QWidget] = {}

    # Field helpers keep state(), restore() and change signals in one place.
    def add(self, key: str, label: str, widget: W) -> W:
        self.form.addRow(label, widget)
        self._fields[key] = widget
        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(lambda _: self.changed.emit())
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(self.changed.emit)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(lambda _: self.changed.emit())
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(lambda _: self.changed.emit())
        elif isinstance(widget, QDateTimeEdit):
            widget.dateTimeChanged.connect(lambda _: self.changed.emit())
        return widget

    def value(self, key: str) -> Any:
        widget = self._fields[key]
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QDateTimeEdit):
            return py_datetime(widget)
        raise TypeError(key)

    def state(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key in self._fields:
            value = self.value(key)
            result[key] = value.isoformat() if isinstance(value, datetime) else value
        return result

    def restore(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            widget = self._fields.get(key)
            if isinstance(widget, QLineEdit):
                widget.setText(str(value))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(str(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QDateTimeEdit) and value:
                widget.setDateTime(QDateTime(datetime.fromisoformat(value)))

    def apply_to(self, snapshot: CaseSnapshot) -> CaseSnapshot:
        return snapshot

    def problems(self) -> list[str]:
        return []

    def collect(self) -> Action:
        return lambda ws, case_id, outcome, confirmations: workflow.complete(ws, case_id, outcome, confirmations)

    def partial(self) -> tuple[str, Callable[[Workspace, int], object]] | None:
        """An optional record that can be saved without finishing the step: (label, action)."""
        return None

    def settle_tab_order(self) -> None:
        """Called once the editor stands in its page (reparenting resets the focus chain).
        Editors whose fields were not made top to bottom put Tab in form order here."""

    def tab_in_form_order(self) -> None:
        """Tab goes down the form as it reads, whatever order the fields were made in."""
        widgets = []
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = item.widget() if item is not None else None
            if widget is not None and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                widgets.append(widget)
        for first, second in pairwise(widgets):
            QWidget.setTabOrder(first, second)


def combo(items: list[tuple[str, Any]]) -> QComboBox:
    box = QComboBox()
    for label, value in items:
        box.addItem(label, value)
    return box


def giver(context: StepContext, extras: Extras) -> tuple[str, str]:
    """Who gives the step's disposition: the office's official for the step's actor (the
    superior is named last, as "pengelola JDIH, sekretaris"), else the signed-in user."""
    for actor in reversed(context.step.actors):
        label = context.profile.actors.get(actor, actor)
        for name, position, signs_as in extras.officials:
            if signs_as == label:
                return name, position or label
    return extras.user_name, ""


def receiver(context: StepContext) -> str:
    """The disposition goes to whoever does the next step."""
    nexts = [context.step.next] if context.step.next else [b.next for b in context.step.branches]
    for key in nexts:
        try:
            return context.profile.actor_names(context.profile.step(key).actors)
        except KeyError:
            continue
    return ""


class DispositionEditor(StepEditor):
    """A superior's disposition (lembar disposisi) recorded at this step."""

    def __init__(self, context: StepContext, detail: CaseDetail, extras: Extras | None = None) -> None:
        super().__init__(context, detail)
        self.needs_disposition = any(
            r.key == "step_disposition" for r in context.step.requirements
        ) or context.step.form in ("disposition", "handover")
        if self.needs_disposition:
            name, position = giver(context, extras or Extras())
            self.add("from_name", tr("Pemberi disposisi"), QLineEdit(name))
            self.add("from_position", tr("Jabatan pemberi"), QLineEdit(position))
            self.add("to_name", tr("Diteruskan kepada"), QLineEdit(receiver(context)))
            self.add("instruction", tr("Isi disposisi"), text_edit(3))

    def disposition(self) -> DispositionInput | None:
        if not self.needs_disposition:
            return None
        return DispositionInput(
            self.value("from_name"), self.value("to_name"), self.value("instruction"), self.value("from_position")
        )

    def apply_to(self, snapshot: CaseSnapshot) -> CaseSnapshot:
        data = self.disposition()
        if data and data.from_name and data.to_name and data.instruction:
            return dataclasses.replace(snapshot, disposition_steps=snapshot.disposition_steps | {snapshot.step_key})
        return snapshot

    def problems(self) -> list[str]:
        data = self.disposition()
        if data is None or self.context.step.key in self.context.snapshot.disposition_steps:
            return []
        missing = [
            label
            for label, value in (
                (tr("pemberi disposisi"), data.from_name),
                (tr("tujuan disposisi"), data.to_name),
                (tr("isi disposisi"), data.instruction),
            )
            if not value
        ]
        return [tr("Lengkapi lembar disposisi: {fields}").format(fields=", ".join(missing))] if missing else []

    def collect(self) -> Action:
        data = self.disposition()
        if data is None or self.context.step.key in self.context.snapshot.disposition_steps:
            return super().collect()
        return lambda ws, case_id, outcome, confirmations: screening.record_disposition(
            ws, case_id, data, complete=True, outcome=outcome, confirmations=confirmations
        )


class RegisterEditor(DispositionEditor):
    """Registration and classification with the first screening (and, where the SOP
    asks for it at this step, the disposition)."""

    def __init__(self, context: StepContext, detail: CaseDetail, extras: Extras | None = None) -> None:
        super().__init__(context, detail, extras)
        classes = [(tr("— pilih klasifikasi —"), "")] + [(v, k) for k, v in context.profile.classifications.items()]
        box = combo(classes)
        box.setCurrentIndex(max(0, box.findData(context.snapshot.classification)))
        self.form.insertRow(0, tr("Klasifikasi"), box)
        self._fields["classification"] = box
        box.currentIndexChanged.connect(lambda _: self.changed.emit())

    def settle_tab_order(self) -> None:
        self.tab_in_form_order()  # the classification was made last but stands first

    def apply_to(self, snapshot: CaseSnapshot) -> CaseSnapshot:
        snapshot = super().apply_to(snapshot)
        return dataclasses.replace(snapshot, classification=self.value("classification") or "")

    def collect(self) -> Action:
        classification = self.value("classification")
        disposition = self.disposition()
        if disposition is not None and self.context.step.key in self.context.snapshot.disposition_steps:
            disposition = None
        return lambda ws, case_id, outcome, confirmations: screening.register(
            ws, case_id, classification, disposition, confirmations=confirmations
        )


ASSESSMENT = [(tr("— belum dinilai —"), None), (tr("Terpenuhi"), True), (tr("Tidak terpenuhi"), False)]
CRITERIA = tuple(
    (key, tr("Syarat {kind}: {subject}").format(kind=kind, subject=subject[0].lower() + subject[1:]))
    for key, subject, kind in catalog.WORKSHEET_CRITERIA
)


class WorksheetEditor(StepEditor):
    """Kertas kerja: formal and material requirements, rules, analysis, conclusion."""

    def __init__(self, context: StepContext, detail: CaseDetail) -> None:
        super().__init__(context, detail)
        self.kind = {form: kind for kind, form in review.KINDS.items()}[context.step.form]
        if self.kind != "penyelesaian":
            for key, label in CRITERIA:
                self.add(f"{key}_ok", label, combo(ASSESSMENT))
                self.add(f"{key}_note", "", QLineEdit()).setPlaceholderText(tr("catatan (bila perlu)"))
        earlier = context.snapshot.review if self.kind == "penyelesaian" else None
        if earlier is not None:
            reviewed_at = next((st.no for st in context.profile.steps if st.form == "review"), "")
            note = QLabel(tr("Diisi dari telaah langkah {no}; dapat diubah.").format(no=reviewed_at))
            note.setWordWrap(True)
            self.form.addRow(note)
        self.add("rules_cited", tr("Peraturan yang dirujuk"), text_edit(2))
        self.add("survey", tr("Survei pendahuluan (klarifikasi, konfirmasi, penelitian)"), text_edit(2))
        self.add("analysis", tr("Analisis"), text_edit(3))
        if earlier is not None:
            for key, value in (
                ("rules_cited", earlier.rules_cited),
                ("survey", earlier.survey),
                ("analysis", earlier.analysis),
            ):
                cast(QPlainTextEdit, self._fields[key]).setPlainText(value)
        label = tr("Tanggapan dan penyelesaian") if self.kind == "penyelesaian" else tr("Kesimpulan")
        self.add("conclusion", label, text_edit(3))
        if self.kind == "telaah":
            self.add(
                "result",
                tr("Hasil telaah"),
                combo([(tr("— pilih —"), ""), (tr("Lengkap"), "lengkap"), (tr("Tidak lengkap"), "tidak_lengkap")]),
            )
            self.add("missing_items", tr("Kekurangan yang harus dilengkapi pelapor"), text_edit(2))
        if self.kind == "telaah_lanjutan":
            self.add(
                "hearing_needed",
                tr("Perlu verifikasi dan klarifikasi?"),
                combo([(tr("— pilih —"), None), (tr("Ya, perlu"), True), (tr("Tidak perlu"), False)]),
            )
        self.add("reviewer", tr("Penelaah"), QLineEdit(context.profile.actor_names(context.step.actors)))

    def worksheet(self) -> WorksheetInput:
        values = {f.name: self.value(f.name) for f in dataclasses.fields(WorksheetInput) if f.name in self._fields}
        return WorksheetInput(**values)

    def apply_to(self, snapshot: CaseSnapshot) -> CaseSnapshot:
        data = self.worksheet()
        assessed = self.kind == "penyelesaian" or all(getattr(data, f"{key}_ok") is not None for key, _ in CRITERIA)
        sheet = WorksheetSnapshot(
            assessed=assessed,
            conclusion=data.conclusion,
            result=data.result or None,
            rules_cited=data.rules_cited,
            missing_items=data.missing_items,
            hearing_needed=data.hearing_needed,
        )
        if self.kind == "telaah":
            return dataclasses.replace(snapshot, review=sheet)
        if self.kind == "telaah_lanjutan":
            return dataclasses.replace(snapshot, further_review=sheet)
        if self.kind == "penyelesaian":
            return dataclasses.replace(snapshot, settlement=sheet)
        raise KeyError(self.kind)

    def problems(self) -> list[str]:
        data = self.worksheet()
        if self.kind == "telaah" and not data.result:
            return [tr("Pilih Hasil telaah")]
        if data.result == "tidak_lengkap" and not data.missing_items:
            return [tr("Tuliskan kekurangan yang harus dilengkapi pelapor")]
        return []

    def collect(self) -> Action:
        data = self.worksheet()
        save = {"telaah": review.save_review, "telaah_lanjutan": review.save_further_review}.get(self.kind)
        if save is None:
            return lambda ws, case_id, outcome, confirmations: review.save_settlement(
                ws, case_id, data, complete=True, confirmations=confirmations
            )
        return lambda ws, case_id, outcome, confirmations: save(
            ws, case_id, data, complete=True, outcome=outcome, confirmations=confirmations
        )


class MinutesEditor(StepEditor):
    """Draft Berita Acara, prefilled from the case file."""

    def __init__(self, context: StepContext, detail: CaseDetail) -> None:
        super().__init__(context, detail)
        reporter = detail.reporter
        respondents = [p for p in detail.parties if p.role == "respondent"]
        identities = "\n".join(
            [f"Pelapor: {reporter.name}" if reporter else "Pelapor: –"]
            + [f"Terlapor: {p.name}" + (f", {p.position}" if p.position else "") for p in respondents]
        )
        self.add("place", tr("Tempat"), QLineEdit())
        self.add("chronology", tr("Kronologi kasus"), text_edit(4)).setPlainText(detail.description)
        self.add("identities", tr("Identitas pelapor dan terlapor"), text_edit(3)).setPlainText(identities)
        evidence = "\n".join(f"{i}. {name}" for i, (_, name, _, _, _) in enumerate(detail.evidence, start=1))
        self.add("evidence_summary", tr("Bukti-bukti"), text_edit(3)).setPlainText(evidence)
        self.add("petitum", tr("Petitum/putusan"), text_edit(3))
        self.add("recommended_sanction", tr("Rekomendasi sanksi"), QLineEdit())

    def minutes(self) -> MinutesInput:
        return MinutesInput(**{f.name: self.value(f.name) for f in dataclasses.fields(MinutesInput)})

    def apply_to(self, snapshot: CaseSnapshot) -> CaseSnapshot:
        data = self.minutes()
        drafted = all((data.chronology, data.identities, data.evidence_summary, data.petitum))
        return dataclasses.replace(snapshot, minutes_drafted=drafted)

    def collect(self) -> Action:
        data = self.minutes()
        return lambda ws, case_id, outcome, confirmations: minutes.save_draft(
            ws, case_id, data, complete=True, confirmations=confirmations
        )


class PlenaryEditor(StepEditor):
    """The plenary meeting, with the draft minutes it adopts in sight."""

    preview_wanted = Signal()  # "Lihat rancangan berita acara…": the wizard makes the paper

    def __init__(self, context: StepContext, detail: CaseDetail, extras: Extras | None = None) -> None:
        super().__init__(context, detail)
        draft = (extras or Extras()).minutes
        if draft is not None:
            drafting = {st.key for st in context.profile.steps if st.form == "draft_minutes"}
            drafted = next((s.completed_at for s in reversed(detail.steps) if s.key in drafting), None)
            summary = QLabel(
                tr("<b>Rancangan berita acara</b> versi {version}, disusun {date}<br><b>Petitum:</b> {petitum}").format(
                    version=draft.version,
                    date=date_time(drafted) if drafted else "–",
                    petitum=escape(draft.content.petitum) or "–",
                )
            )
            summary.setTextFormat(Qt.TextFormat.RichText)
            summary.setWordWrap(True)
            self.form.addRow(summary)
            show = QPushButton(tr("Lihat rancangan berita acara…"))
            show.clicked.connect(self.preview_wanted.emit)
            self.form.addRow(show)
        self.add("held_at", tr("Waktu rapat pleno"), datetime_edit())
        self.add("place", tr("Tempat"), QLineEdit())
        self.add("chair", tr("Pimpinan rapat"), QLineEdit())
        self.add("members", tr("Anggota yang hadir (satu nama per baris)"), text_edit(4))
        self.add("decision", tr("Keputusan"), text_edit(2))

    def plenary(self, adopt: bool) -> PlenaryInput:
        members = tuple(m.strip() for m in self.value("members").splitlines() if m.strip())
        return PlenaryInput(
            self.value("held_at"), self.value("place"), self.value("chair"), members, self.value("decision"), adopt
        )

    def apply_to(self, snapshot: CaseSnapshot) -> CaseSnapshot:
        data = self.plenary(True)
        recorded = bool(data.place and data.chair and data.members_present and data.decision)
        return dataclasses.replace(snapshot, plenary_recorded=recorded, minutes_adopted=recorded)

    def collect(self) -> Action:
        adopted, rejected = self.plenary(True), self.plenary(False)
        return lambda ws, case_id, outcome, confirmations: minutes.hold_plenary(
            ws, case_id, rejected if outcome == "perbaikan" else adopted, confirmations=confirmations
        )


class LetterEditor(StepEditor):
    """A memo sent (nota dinas) or a reply received (laporan hasil telaah)."""

    def __init__(self, context: StepContext, detail: CaseDetail) -> None:
        super().__init__(context, detail)
        self.kind, self.direction = {"memo": ("nota_dinas", "keluar"), "reply": ("laporan_hasil_telaah", "masuk")}[
            context.step.form
        ]
        self.add("letter_date", tr("Tanggal surat"), datetime_edit())
        if self.direction == "masuk":
            self.add("number", tr("Nomor surat masuk"), QLineEdit())
        self.add("subject", tr("Perihal"), QLineEdit(tr("Tindak lanjut pengaduan {n}").format(n=detail.agenda_number)))
        label = tr("Pengirim") if self.direction == "masuk" else tr("Kepada")
        self.add("counterpart", label, QLineEdit())

    def letter(self) -> LetterInput:
        number = self.value("number") if self.direction == "masuk" else ""
        return LetterInput(
            self.kind,
            self.direction,
            self.value("letter_date").date(),
            self.value("subject"),
            self.value("counterpart"),
            number,
        )

    def apply_to(self, snapshot: CaseSnapshot) -> CaseSnapshot:
        data = self.letter()
        if data.subject and data.counterpart and (data.direction == "keluar" or data.number):
            return dataclasses.replace(snapshot, letters=snapshot.letters | {self.kind})
        return snapshot

    def collect(self) -> Action:
        data = self.letter()
        return lambda ws, case_id, outcome, confirmations: forwarding.record_letter(
            ws, case_id, data, complete=True, confirmations=confirmations
        )[1]


class ForwardEditor(StepEditor):
    """The cover letter to KPU RI and its receipt."""

    def __init__(self, context: StepContext, detail: CaseDetail) -> None:
        super().__init__(context, detail)
        self.existing = next(
            (lid for lid, kind, direction, _n, _d, _r in detail.letters if kind == "surat_pengantar"), None
        )
        if self.existing is None:
            self.add("letter_date", tr("Tanggal surat pengantar"), datetime_edit())
            self.add("subject", tr("Perihal"), QLineEdit(tr("Penyampaian Berita Acara Verifikasi dan Klarifikasi")))
            self.add("counterpart", tr("Kepada"), QLineEdit("Komisi Pemilihan Umum Republik Indonesia"))
        self.add("receipt_at", tr("Diterima KPU RI pada"), datetime_edit())
        self.add("receipt_by", tr("Diterima oleh"), QLineEdit())

    def apply_to(self, snapshot: CaseSnapshot) -> CaseSnapshot:
        letters = snapshot.letters | {"surat_pengantar"} if self.existing or self.value("subject") else snapshot.letters
        receipts = snapshot.receipts | {"surat_pengantar"} if self.value("receipt_by") else snapshot.receipts
        return dataclasses.replace(snapshot, letters=letters, receipts=receipts)

    def collect(self) -> Action:
        existing = self.existing
        letter = (
            None
            if existing
            else LetterInput(
                "surat_pengantar",
                "keluar",
                self.value("letter_date").date(),
                self.value("subject"),
                self.value("counterpart"),
            )
        )
        receipt_at, receipt_by = self.value("receipt_at"), self.value("receipt_by")

        def act(ws: Workspace, case_id: int, outcome: str | None, confirmations: frozenset[str]) -> StepOutcome | None:
            letter_id = existing if letter is None else forwarding.record_letter(ws, case_id, letter)[0]
            assert letter_id is not None  # no letter to record means it was recorded before
            return forwarding.record_receipt(
                ws, letter_id, receipt_at, receipt_by, complete=True, confirmations=confirmations
            )

        return act


class DecisionEditor(StepEditor):
    def __init__(self, context: StepContext, detail: CaseDetail) -> None:
        super().__init__(context, detail)
        self.add("decided_at", tr("Tanggal keputusan KPU RI"), datetime_edit())
        self.add(
            "kind",
            tr("Jenis tindak lanjut"),
            combo([(tr("— pilih —"), None)] + [(tr(v), k) for k, v in catalog.KPU_DECISION_KINDS.items()]),
        )
        self.add("summary", tr("Hasil tindak lanjut dan kesimpulan"), text_edit(3))
        self.add("letter_number", tr("Nomor surat KPU RI"), QLineEdit())
        self.add("received_at", tr("Diterima pada"), datetime_edit())

    def apply_to(self, snapshot: CaseSnapshot) -> CaseSnapshot:
        recorded = bool(self.value("kind") and self.value("summary"))
        return dataclasses.replace(snapshot, kpu_decision=recorded)

    def collect(self) -> Action:
        data = DecisionInput(
            self.value("decided_at").date(),
            self.value("kind") or "",
            self.value("summary"),
            self.value("letter_number"),
            self.value("received_at"),
        )
        return lambda ws, case_id, outcome, confirmations: forwarding.record_kpu_decision(
            ws, case_id, data, confirmations=confirmations
        )


def editor_for(context: StepContext, detail: CaseDetail, extras: Extras | None = None) -> StepEditor:
    from .hearing_editor import HearingEditor

    editors: dict[str, type[StepEditor]] = {
        "receive": RegisterEditor,
        "register": RegisterEditor,
        "review": WorksheetEditor,
        "further_review": WorksheetEditor,
        "settle": WorksheetEditor,
        "handover": DispositionEditor,
        "disposition": DispositionEditor,
        "hearing": HearingEditor,
        "draft_minutes": MinutesEditor,
        "plenary": PlenaryEditor,
        "memo": LetterEditor,
        "reply": LetterEditor,
        "forward": ForwardEditor,
        "decision": DecisionEditor,
    }
    kind = editors.get(context.step.form, StepEditor)
    if issubclass(kind, (DispositionEditor, PlenaryEditor)):
        return kind(context, detail, extras)  # type: ignore[call-arg]
    return kind(context, detail)
