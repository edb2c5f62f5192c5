"""Correcting adopted minutes: a new version with the reason, adopted by a plenary;
the adopted version stays on the record. A correction adopted after the minutes went to
KPU RI is sent with a cover letter of its own."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ..services import forwarding, minutes
from ..services.forwarding import LetterInput
from ..services.minutes import MinutesInput, MinutesView, PlenaryInput
from .case_actions import ActionDialog
from .context import AppContext
from .drafts import DraftStore
from .step_editors import datetime_edit, py_datetime, text_edit
from .texts import tr

KPU_RI = "Komisi Pemilihan Umum Republik Indonesia"


class _Dialog(ActionDialog):
    """A form laid out in code: the fields, then OK and Cancel."""

    def __init__(
        self, app: AppContext, case_id: int, title: str, parent: QWidget | None, drafts: DraftStore | None
    ) -> None:
        super().__init__(app, case_id, parent, drafts)
        self.setWindowTitle(title)
        self.resize(720, 620)
        self.form = QFormLayout(self)
        self.connect_buttons(
            QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        )


class CorrectionDialog(_Dialog):
    draft_kind = "koreksi-berita-acara"
    done_message = tr("Koreksi berita acara tersimpan sebagai draf versi baru; tetapkan dalam rapat pleno.")

    def __init__(
        self,
        app: AppContext,
        case_id: int,
        current: MinutesView,
        parent: QWidget | None = None,
        drafts: DraftStore | None = None,
    ) -> None:
        super().__init__(app, case_id, tr("Koreksi berita acara (versi baru)"), parent, drafts)
        c = current.content
        self.place = QLineEdit(c.place)
        self.chronology, self.identities = text_edit(4), text_edit(3)
        self.evidence, self.petitum = text_edit(3), text_edit(3)
        self.sanction = QLineEdit(c.recommended_sanction)
        self.reason = text_edit(2)
        for edit, value in (
            (self.chronology, c.chronology),
            (self.identities, c.identities),
            (self.evidence, c.evidence_summary),
            (self.petitum, c.petitum),
        ):
            edit.setPlainText(value)
        for label, widget in (
            (tr("Tempat"), self.place),
            (tr("Kronologi kasus"), self.chronology),
            (tr("Identitas pelapor dan terlapor"), self.identities),
            (tr("Bukti-bukti"), self.evidence),
            (tr("Petitum/putusan"), self.petitum),
            (tr("Rekomendasi sanksi"), self.sanction),
            (tr("Alasan koreksi"), self.reason),
        ):
            self.form.addRow(label, widget)
        self.form.addRow(self.buttons)
        self.keep_drafts()

    def fields(self) -> dict[str, QWidget]:
        return {
            "place": self.place,
            "chronology": self.chronology,
            "identities": self.identities,
            "evidence_summary": self.evidence,
            "petitum": self.petitum,
            "recommended_sanction": self.sanction,
            "reason": self.reason,
        }

    def submit(self) -> None:
        data = MinutesInput(
            self.chronology.toPlainText(),
            self.identities.toPlainText(),
            self.evidence.toPlainText(),
            self.petitum.toPlainText(),
            self.sanction.text(),
            self.place.text(),
        )
        reason, case_id = self.reason.toPlainText(), self.case_id
        self.run(lambda: minutes.correct_minutes(self.app.ws, case_id, data, reason))


class CorrectionPlenaryDialog(_Dialog):
    draft_kind = "pleno-koreksi-berita-acara"
    done_message = tr("Rapat pleno dicatat; berita acara perbaikan dapat diterbitkan di tab Dokumen.")

    def __init__(
        self, app: AppContext, case_id: int, parent: QWidget | None = None, drafts: DraftStore | None = None
    ) -> None:
        super().__init__(app, case_id, tr("Penetapan koreksi berita acara dalam rapat pleno"), parent, drafts)
        self.held_at: QDateTimeEdit = datetime_edit(datetime.now())
        self.place, self.chair = QLineEdit(), QLineEdit()
        self.members: QPlainTextEdit = text_edit(4)
        self.decision = QLineEdit(tr("Menetapkan koreksi berita acara"))
        for label, widget in (
            (tr("Waktu rapat pleno"), self.held_at),
            (tr("Tempat"), self.place),
            (tr("Pimpinan rapat"), self.chair),
            (tr("Anggota yang hadir (satu nama per baris)"), self.members),
            (tr("Keputusan"), self.decision),
        ):
            self.form.addRow(label, widget)
        self.form.addRow(self.buttons)
        self.keep_drafts()

    def fields(self) -> dict[str, QWidget]:
        return {
            "held_at": self.held_at,
            "place": self.place,
            "chair": self.chair,
            "members": self.members,
            "decision": self.decision,
        }

    def submit(self) -> None:
        members = tuple(m.strip() for m in self.members.toPlainText().splitlines() if m.strip())
        data = PlenaryInput(
            py_datetime(self.held_at), self.place.text(), self.chair.text(), members, self.decision.text()
        )
        case_id = self.case_id
        self.run(lambda: minutes.hold_plenary(self.app.ws, case_id, data))


class CorrectionCoverLetterDialog(_Dialog):
    """The letter that sends the corrected minutes to KPU RI; recording it moves no step."""

    draft_kind = "pengantar-berita-acara-perbaikan"
    done_message = tr("Surat pengantar berita acara perbaikan dicatat; terbitkan di tab Dokumen.")

    def __init__(
        self, app: AppContext, case_id: int, parent: QWidget | None = None, drafts: DraftStore | None = None
    ) -> None:
        super().__init__(app, case_id, tr("Surat pengantar berita acara perbaikan"), parent, drafts)
        self.resize(640, 260)
        self.letter_date: QDateTimeEdit = datetime_edit(datetime.now())
        self.number = QLineEdit()
        self.number.setPlaceholderText(tr("kosongkan: nomor berikutnya diambil otomatis"))
        self.subject = QLineEdit(tr("Penyampaian Berita Acara Verifikasi dan Klarifikasi (Perbaikan)"))
        self.counterpart = QLineEdit(KPU_RI)
        for label, widget in (
            (tr("Tanggal surat pengantar"), self.letter_date),
            (tr("Nomor surat"), self.number),
            (tr("Perihal"), self.subject),
            (tr("Kepada"), self.counterpart),
        ):
            self.form.addRow(label, widget)
        self.form.addRow(self.buttons)
        self.keep_drafts()

    def fields(self) -> dict[str, QWidget]:
        return {
            "letter_date": self.letter_date,
            "number": self.number,
            "subject": self.subject,
            "counterpart": self.counterpart,
        }

    def submit(self) -> None:
        data = LetterInput(
            "surat_pengantar",
            "keluar",
            py_datetime(self.letter_date).date(),
            self.subject.text(),
            self.counterpart.text(),
            self.number.text(),
        )
        case_id = self.case_id
        self.run(lambda: forwarding.record_letter(self.app.ws, case_id, data))
