"""The intake wizard: channel, reporter (with the confidentiality choice), respondents,
the complaint, the evidence; it ends with the agenda number.

Every page checks what was typed as the services will (NIK, phone, e-mail, dates), so
Next stays disabled with the reason in sight; the last page shows the first SOP step's
checklist live and completes that step when it can.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QDate, QDateTime, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..domain import catalog
from ..domain.checks import CaseSnapshot, PartySnapshot, requirement_applies, step_checklist
from ..domain.errors import DumasError
from ..domain.filetypes import size_text
from ..domain.sop import Requirement
from ..domain.validation import check_email, check_nik, check_phone
from ..services import intake, links, mailbox
from ..services.files import megabytes
from ..services.intake import MAX_EVIDENCE_BYTES, ComplaintInput, PartyInput, Received
from ..services.mailbox import AttachmentView, MailIntake
from ..services.similar import Probe
from . import dialogs
from .context import AppContext
from .drafts import DraftKeeper, DraftNotice, DraftStore, closing_keeps
from .queue_tab import checklist_html
from .rows_table import RowsTable
from .similar_panel import SimilarPanel
from .texts import tr

DRAFT = "pengaduan-baru"


class _Page(QWizardPage):
    """A page whose Next button waits for problems() to be empty, showing them."""

    def __init__(self, title: str, subtitle: str = "") -> None:
        super().__init__()
        self.setTitle(title)
        if subtitle:
            self.setSubTitle(subtitle)
        self.outer = QVBoxLayout(self)
        self.form = QFormLayout()
        self.outer.addLayout(self.form)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #b02a37;")
        self.draft_notice = DraftNotice()
        self.outer.addStretch(1)
        self.outer.addWidget(self.problem_label)
        self.outer.addWidget(self.draft_notice)

    def line(self, label: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self.recheck)
        self.form.addRow(label, edit)
        return edit

    def problems(self) -> list[str]:
        return []

    def recheck(self, *_: object) -> None:
        problems = self.problems()
        self.problem_label.setText("; ".join(problems))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.problems()


class ChannelPage(_Page):
    def __init__(self) -> None:
        super().__init__(tr("Penerimaan"), tr("Bagaimana dan kapan pengaduan diterima."))
        self.channel = QComboBox()
        for key, label in catalog.CHANNELS.items():
            self.channel.addItem(tr(label), key)
        self.channel.setCurrentIndex(self.channel.findData("datang_langsung"))
        self.received = QDateTimeEdit(QDateTime.currentDateTime())
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("dd-MM-yyyy HH.mm")
        self.received.dateTimeChanged.connect(self.recheck)
        self.form.addRow(tr("Kanal"), self.channel)
        self.form.addRow(tr("Diterima pada"), self.received)

    def received_at(self) -> datetime:
        # The stubs give toPython() as object; a QDateTime's is a datetime.
        value = cast(datetime, self.received.dateTime().toPython())
        return value.replace(second=0, microsecond=0)

    def problems(self) -> list[str]:
        return [tr("Waktu diterima tidak boleh lebih dari sekarang")] if self.received_at() > datetime.now() else []


class ReporterPage(_Page):
    def __init__(self) -> None:
        super().__init__(tr("Pelapor"), tr("Identitas pelapor dan pilihan kerahasiaannya."))
        self.name = self.line(tr("Nama lengkap"))
        self.id_kind = QComboBox()
        for key, label in catalog.ID_KINDS.items():
            self.id_kind.addItem(tr(label), key)
        self.id_kind.currentIndexChanged.connect(self.recheck)
        self.form.addRow(tr("Jenis identitas"), self.id_kind)
        self.id_number = self.line(tr("Nomor identitas"), tr("16 digit NIK"))
        self.address = self.line(tr("Alamat"))
        self.phone = self.line(tr("Telepon"), "0812-3456-7890")
        self.email = self.line(tr("Surel"))
        self.occupation = self.line(tr("Pekerjaan"))
        self.confidentiality = QComboBox()
        for key, label in catalog.CONFIDENTIALITY.items():
            self.confidentiality.addItem(tr(label), key)
        self.form.addRow(tr("Kerahasiaan"), self.confidentiality)

    def party(self) -> PartyInput:
        return PartyInput(
            name=self.name.text(),
            id_kind=self.id_kind.currentData(),
            id_number=self.id_number.text(),
            address=self.address.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            occupation=self.occupation.text(),
            confidentiality=self.confidentiality.currentData(),
        )

    def problems(self) -> list[str]:
        found = []
        if not self.name.text().strip():
            found.append(tr("Nama pelapor wajib diisi"))
        if self.id_kind.currentData() == "nik" and self.id_number.text().strip():
            problem = check_nik(self.id_number.text(), date.today())[1]
            if problem:
                found.append(tr("NIK: {p}").format(p=problem))
        if self.phone.text().strip() and (problem := check_phone(self.phone.text())[1]):
            found.append(tr("Telepon: {p}").format(p=problem))
        if self.email.text().strip() and (problem := check_email(self.email.text())[1]):
            found.append(tr("Surel: {p}").format(p=problem))
        return found


class RespondentPage(_Page):
    def __init__(self) -> None:
        super().__init__(tr("Terlapor"), tr("Orang atau badan yang diadukan: nama, jabatan, dan unit kerjanya."))
        self.table = RowsTable([tr("Nama"), tr("Jabatan"), tr("Unit kerja")], 1)
        self.table.itemChanged.connect(self.recheck)
        add = QPushButton(tr("Tambah terlapor"))
        add.clicked.connect(self.table.add_row)
        self.outer.insertWidget(0, self.table)
        self.outer.insertWidget(1, add)

    def parties(self) -> tuple[PartyInput, ...]:
        found = []
        for row in range(self.table.rowCount()):
            cells = [(item.text() if (item := self.table.item(row, c)) else "").strip() for c in range(3)]
            if any(cells):
                found.append(PartyInput(name=cells[0], position=cells[1], unit=cells[2], id_kind="lainnya"))
        return tuple(found)

    def problems(self) -> list[str]:
        if any(not p.name for p in self.parties()):
            return [tr("Setiap terlapor harus diberi nama")]
        return []


class ComplaintPage(_Page):
    def __init__(self, classifications: dict[str, str]) -> None:
        super().__init__(tr("Pengaduan"), tr("Pokok pengaduan, uraiannya, serta waktu dan tempat kejadian."))
        self.subject = self.line(tr("Pokok pengaduan"))
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.textChanged.connect(self.recheck)
        self.form.addRow(tr("Uraian"), self.description)
        self.known_date = QCheckBox(tr("Tanggal kejadian diketahui"))
        self.event_date = QDateEdit(QDate.currentDate())
        self.event_date.setCalendarPopup(True)
        self.event_date.setDisplayFormat("dd-MM-yyyy")
        self.event_date.setEnabled(False)
        self.known_date.toggled.connect(self.event_date.setEnabled)
        self.event_date.dateChanged.connect(self.recheck)
        row = QHBoxLayout()
        row.addWidget(self.known_date)
        row.addWidget(self.event_date)
        self.form.addRow(tr("Waktu kejadian"), row)
        self.event_place = self.line(tr("Tempat kejadian"))
        self.location = self.line(tr("Lokasi kasus"), tr("desa/kelurahan, kecamatan"))
        self.classification = QComboBox()
        self.classification.addItem(tr("— diklasifikasi kemudian —"), "")
        for key, label in classifications.items():
            self.classification.addItem(label, key)
        self.form.addRow(tr("Klasifikasi"), self.classification)

    def when(self) -> date | None:
        if not self.known_date.isChecked():
            return None
        # The stubs give toPython() as object; a QDate's is a date.
        return cast(date, self.event_date.date().toPython())

    def problems(self) -> list[str]:
        found = []
        if not self.subject.text().strip():
            found.append(tr("Pokok pengaduan wajib diisi"))
        if not self.description.toPlainText().strip():
            found.append(tr("Uraian pengaduan wajib diisi"))
        event = self.when()
        if event is not None and event > date.today():
            found.append(tr("Tanggal kejadian tidak boleh lebih dari hari ini"))
        return found


class EvidenceList(QListWidget):
    """A list of files that accepts drops from the file manager."""

    dropped = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        self.dropped.emit([p for p in paths if p.is_file()])
        event.acceptProposedAction()


class EvidencePage(_Page):
    def __init__(self) -> None:
        super().__init__(tr("Bukti dukung"), tr("Pindaian surat, foto, tangkapan layar. Seret berkas ke daftar ini."))
        self.files = EvidenceList()
        self.files.dropped.connect(self.add_paths)
        self.paths: list[Path] = []
        self.stored = 0  # an e-mail's attachments and the message itself, listed first; they always go with it
        buttons = QHBoxLayout()
        add = QPushButton(tr("Tambah berkas…"))
        add.clicked.connect(self.choose)
        remove = QPushButton(tr("Hapus dari daftar"))
        remove.clicked.connect(self.remove_selected)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        self.outer.insertWidget(0, self.files)
        self.outer.insertLayout(1, buttons)

    def choose(self) -> None:
        evidence = tr("Gambar dan dokumen (*.jpg *.jpeg *.png *.pdf);;Semua berkas (*)")
        self.add_paths(dialogs.open_file_names(self, tr("Pilih berkas bukti"), evidence, dialogs.EVIDENCE))

    def add_paths(self, paths: list[Path]) -> None:
        refused = []
        for path in paths:
            if path in self.paths:
                continue
            try:
                size = path.stat().st_size  # only the size: the bytes are read on the worker when saving
            except OSError:
                refused.append(tr("{name} tidak dapat dibaca.").format(name=path.name))
                continue
            if size > MAX_EVIDENCE_BYTES:
                refused.append(
                    tr("{name} terlalu besar ({size}); paling besar {limit}.").format(
                        name=path.name, size=megabytes(size), limit=megabytes(MAX_EVIDENCE_BYTES)
                    )
                )
                continue
            self.paths.append(path)
            self.files.addItem(f"{path.name}  ({size_text(size)})")
        if refused:
            dialogs.warn(self, tr("Bukti tidak ditambahkan"), "\n".join(refused))
        self.recheck()

    def add_stored(self, items: tuple[AttachmentView, ...]) -> None:
        for item in items:
            self.files.insertItem(
                self.stored,
                tr("{name}  ({size}, dari surel)").format(name=item.name, size=size_text(item.size)),
            )
            self.stored += 1

    def remove_selected(self) -> None:
        row = self.files.currentRow()
        if 0 <= row < self.stored:
            dialogs.warn(
                self,
                tr("Bukti dari surel"),
                tr("Lampiran surel dan surel aslinya selalu ikut sebagai bukti; yang tidak perlu dapat diabaikan."),
            )
        elif row >= 0:
            self.files.takeItem(row)
            del self.paths[row - self.stored]

    def problems(self) -> list[str]:
        missing = [p.name for p in self.paths if not p.exists()]
        return [tr("Berkas tidak ditemukan lagi: {n}").format(n=", ".join(missing))] if missing else []


class SummaryPage(_Page):
    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__(tr("Periksa dan simpan"), tr("Persyaratan langkah pertama SOP."))
        self.wizard_ = wizard
        from .main_window import screening_tab_title  # the window imports this wizard lazily too

        self.tab_title = screening_tab_title(wizard.app.all_profiles())
        self.checklist = QLabel()
        self.checklist.setTextFormat(Qt.TextFormat.RichText)
        self.checklist.setWordWrap(True)
        self.outer.insertWidget(0, self.checklist)
        self.confirmations: dict[str, QCheckBox] = {}
        self.requirements: dict[str, Requirement] = {}
        step = wizard.app.profile.step(wizard.app.profile.first_step)
        for index, requirement in enumerate(r for r in step.requirements if r.kind == "confirm"):
            check = QCheckBox(requirement.label)
            check.toggled.connect(self.recheck)
            self.outer.insertWidget(1 + index, check)
            self.confirmations[requirement.key] = check
            self.requirements[requirement.key] = requirement

    def initializePage(self) -> None:
        self.recheck()

    def confirmed(self) -> frozenset[str]:
        """The ticked confirmations that apply to the case as typed (a ticked "e-mail
        printed" is dropped when the channel is changed to in person)."""
        case = self.snapshot(frozenset())
        return frozenset(
            k
            for k, box in self.confirmations.items()
            if box.isChecked() and requirement_applies(self.requirements[k], case)
        )

    def statuses(self) -> list[Any]:
        w = self.wizard_
        step = w.app.profile.step(w.app.profile.first_step)
        return step_checklist(step, None, self.snapshot(self.confirmed()))

    def snapshot(self, confirmations: frozenset[str]) -> CaseSnapshot:
        w = self.wizard_
        reporter = w.reporter_page.party()
        return CaseSnapshot(
            step_key=w.app.profile.first_step,
            channel=w.channel_page.channel.currentData(),
            subject=w.complaint_page.subject.text(),
            description=w.complaint_page.description.toPlainText(),
            location=w.complaint_page.location.text(),
            classification=w.complaint_page.classification.currentData() or "",
            reporter=PartySnapshot(reporter.name, reporter.id_number, reporter.address, reporter.phone, reporter.email),
            respondents=tuple(PartySnapshot(p.name) for p in w.respondent_page.parties()),
            evidence_count=len(w.evidence_page.paths) + w.evidence_page.stored,
            confirmations=confirmations,
        )

    def recheck(self, *_: object) -> None:
        case = self.snapshot(frozenset())
        for key, box in self.confirmations.items():
            box.setVisible(requirement_applies(self.requirements[key], case))
        statuses = self.statuses()
        text = checklist_html(statuses)
        if any(s.blocking for s in statuses):
            text += (
                "<p>"
                + tr(
                    "Pengaduan tetap dapat dicatat; langkah pertama diselesaikan kemudian di tab {tab} "
                    "setelah persyaratannya lengkap."
                ).format(tab=self.tab_title)
                + "</p>"
            )
        self.checklist.setText(text)
        super().recheck()

    def complete_first_step(self) -> bool:
        return not any(s.blocking for s in self.statuses())


class IntakeWizard(QWizard):
    received = Signal(int)
    print_receipt = Signal(int)
    open_case = Signal(int)

    def __init__(
        self, app: AppContext, drafts: DraftStore, parent: QWidget | None = None, mail: MailIntake | None = None
    ) -> None:
        super().__init__(parent)
        self.app = app
        self.drafts = drafts
        self.done_ = False
        self.mail = mail  # the fetched e-mail this complaint is registered from
        self.draft_key = DRAFT if mail is None else f"{DRAFT}-surel-{mail.message_id}"
        self.setWindowTitle(tr("Pengaduan baru") if mail is None else tr("Catat surel sebagai pengaduan"))
        self.resize(1240, 660)  # the candidates beside the pages; fits a 1366x768 laptop
        self.setButtonText(QWizard.WizardButton.NextButton, tr("&Lanjut >"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("< &Kembali"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("Catat pengaduan"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("&Tutup (simpan draf)"))
        self.channel_page = ChannelPage()
        self.reporter_page = ReporterPage()
        self.respondent_page = RespondentPage()
        self.complaint_page = ComplaintPage(app.profile.classifications)
        self.evidence_page = EvidencePage()
        self.summary_page = SummaryPage(self)
        for page in (
            self.channel_page,
            self.reporter_page,
            self.respondent_page,
            self.complaint_page,
            self.evidence_page,
            self.summary_page,
        ):
            self.addPage(page)
        # The confirmations asked depend on the channel (a printed e-mail only for e-mail).
        self.channel_page.channel.currentIndexChanged.connect(self.summary_page.recheck)
        self.similar = SimilarPanel(app, self)
        self.similar.setMinimumWidth(440)
        self.similar.open_case.connect(self.open_case.emit)
        self.setSideWidget(self.similar)
        c = self.complaint_page
        for signal in (
            c.subject.textChanged,
            c.description.textChanged,
            c.event_place.textChanged,
            c.location.textChanged,
            self.respondent_page.table.itemChanged,
            self.channel_page.received.dateTimeChanged,
        ):
            signal.connect(self._typed)
        if mail is not None:
            self._from_mail(mail)
        self.keeper = DraftKeeper(self, drafts, self.draft_key, self.state)
        self.keeper.begin()
        self._offer_draft()
        self.keeper.watch(self)  # every page's fields: kept a few seconds after the typing pauses
        self.keeper.trouble.connect(self._draft_trouble)

    # --- similar complaints ------------------------------------------------------------------------
    def probe(self) -> Probe:
        c, respondents = self.complaint_page, self.respondent_page.parties()
        return Probe(
            subject=c.subject.text(),
            description=c.description.toPlainText(),
            respondents=tuple(p.name for p in respondents),
            bodies=" ".join(f"{p.position} {p.unit}" for p in respondents),
            place=f"{c.event_place.text()} {c.location.text()}",
            received_at=self.channel_page.received_at(),
        )

    def _typed(self, *_: object) -> None:
        self.similar.probe_changed(self.probe())

    # --- drafts --------------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        r, c = self.reporter_page, self.complaint_page
        return {
            "channel": self.channel_page.channel.currentData(),
            "received_at": self.channel_page.received_at().isoformat(),
            "reporter": dataclasses.asdict(r.party()),
            "respondents": [dataclasses.asdict(p) for p in self.respondent_page.parties()],
            "subject": c.subject.text(),
            "description": c.description.toPlainText(),
            "event_date": event_date.isoformat() if (event_date := c.when()) else None,
            "event_place": c.event_place.text(),
            "location": c.location.text(),
            "classification": c.classification.currentData(),
            "evidence": [str(p) for p in self.evidence_page.paths],
            "confirmations": sorted(k for k, b in self.summary_page.confirmations.items() if b.isChecked()),
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.channel_page.channel.setCurrentIndex(max(0, self.channel_page.channel.findData(state.get("channel"))))
        if state.get("received_at"):
            self.channel_page.received.setDateTime(QDateTime(datetime.fromisoformat(state["received_at"])))
        reporter = state.get("reporter") or {}
        r = self.reporter_page
        for widget, key in (
            (r.name, "name"),
            (r.id_number, "id_number"),
            (r.address, "address"),
            (r.phone, "phone"),
            (r.email, "email"),
            (r.occupation, "occupation"),
        ):
            widget.setText(reporter.get(key, ""))
        r.id_kind.setCurrentIndex(max(0, r.id_kind.findData(reporter.get("id_kind"))))
        r.confidentiality.setCurrentIndex(max(0, r.confidentiality.findData(reporter.get("confidentiality"))))
        table = self.respondent_page.table
        respondents = state.get("respondents") or []
        table.setRowCount(max(1, len(respondents)))
        for row, party in enumerate(respondents):
            for column, key in enumerate(("name", "position", "unit")):
                table.setItem(row, column, QTableWidgetItem(party.get(key, "")))
        c = self.complaint_page
        c.subject.setText(state.get("subject", ""))
        c.description.setPlainText(state.get("description", ""))
        if state.get("event_date"):
            c.known_date.setChecked(True)
            c.event_date.setDate(QDate.fromString(state["event_date"], "yyyy-MM-dd"))
        c.event_place.setText(state.get("event_place", ""))
        c.location.setText(state.get("location", ""))
        c.classification.setCurrentIndex(max(0, c.classification.findData(state.get("classification", ""))))
        self.evidence_page.add_paths([Path(p) for p in state.get("evidence", []) if Path(p).is_file()])
        for key in state.get("confirmations") or []:
            if key in self.summary_page.confirmations:
                self.summary_page.confirmations[key].setChecked(True)

    def _from_mail(self, mail: MailIntake) -> None:
        """What the e-mail already says, for the officer to check and complete."""
        self.channel_page.channel.setCurrentIndex(self.channel_page.channel.findData(mail.channel))
        self.channel_page.received.setDateTime(QDateTime(mail.received_at))
        self.reporter_page.name.setText(mail.reporter_name)
        self.reporter_page.email.setText(mail.reporter_email)
        self.complaint_page.subject.setText(mail.subject)
        self.complaint_page.description.setPlainText(mail.description)
        self.evidence_page.add_stored(mail.evidence)
        printed = self.summary_page.confirmations.get("cetak_surel")
        if printed is not None and mail.printed:  # printed from Surel masuk: the SOP's tick is met
            printed.setChecked(True)

    def _offer_draft(self) -> None:
        saved = self.drafts.load(self.draft_key)
        if saved and dialogs.ask(
            self, tr("Draf tersimpan"), tr("Ada pengaduan baru yang belum selesai dicatat. Lanjutkan dari draf itu?")
        ):
            self.restore(saved)
        elif saved:
            self.drafts.discard(self.draft_key)

    def _draft_trouble(self, message: str) -> None:
        for page_id in self.pageIds():
            page = self.page(page_id)
            if isinstance(page, _Page):
                page.draft_notice.say(message)

    def reject(self) -> None:
        if self.done_ or closing_keeps(self, self.keeper.keep):
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.done_ or closing_keeps(self, self.keeper.keep):
            super().closeEvent(event)
        else:
            event.ignore()

    # --- saving --------------------------------------------------------------------------------
    def accept(self) -> None:
        c = self.complaint_page
        data = ComplaintInput(
            channel=self.channel_page.channel.currentData(),
            received_at=self.channel_page.received_at(),
            reporter=self.reporter_page.party(),
            subject=c.subject.text(),
            description=c.description.toPlainText(),
            respondents=self.respondent_page.parties(),
            event_date=c.when(),
            event_place=c.event_place.text(),
            location=c.location.text(),
            classification=c.classification.currentData() or "",
        )
        confirmations = self.summary_page.confirmed()
        complete = self.summary_page.complete_first_step()
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        paths = tuple(self.evidence_page.paths)
        chosen = self.similar.chosen
        linking: dict[str, str] = {}  # written on the worker before it reports; read after
        mail = self.mail

        def receive() -> Received:  # the files are read and hashed on the worker, never here
            evidence = intake.evidence_from_files(paths)
            if mail is not None:
                received = mailbox.register(
                    self.app.ws,
                    mail.message_id,
                    dataclasses.replace(data, evidence=evidence),
                    confirmations=confirmations,
                    complete_step=complete,
                )
            else:
                received = intake.receive(
                    self.app.ws,
                    dataclasses.replace(data, evidence=evidence),
                    confirmations=confirmations,
                    complete_step=complete,
                )
            if chosen is not None:
                try:
                    links.link(self.app.ws, received.case_id, chosen[1].id, chosen[0])
                except DumasError as error:  # the complaint stands; the link can be made from its case
                    linking["error"] = error.message
            return received

        self.app.runner.run(
            receive,
            lambda result: self._saved(result, linking.get("error")),
            label=tr("Mencatat pengaduan…"),
            on_message=self._refused,
        )

    def _refused(self, error: DumasError) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        dialogs.warn(self, tr("Pengaduan belum tercatat"), error.message)

    def _link_note(self, error: str | None) -> str:
        if self.similar.chosen is None:
            return ""
        if error is not None:
            return tr("Tautan belum dicatat: {m}").format(m=error)
        kind, candidate = self.similar.chosen
        note = tr("Dicatat {kind} {n}.").format(kind=tr(links.KINDS[kind]).lower(), n=candidate.agenda_number)
        if kind == "duplikat":
            note += " " + tr("Pengaduan ini dapat ditutup lebih awal sebagai duplikat dari berkas pengaduannya.")
        return note

    def _saved(self, result: Received, link_error: str | None = None) -> None:
        self.done_ = True
        self.keeper.finish()
        self.app.events.tell(result)
        if self.similar.chosen is not None:
            self.app.events.tell(None, self.similar.chosen[1].id)
        note = self._link_note(link_error)
        linked = f"{note}\n\n" if note else ""
        wants_receipt = dialogs.ask(
            self,
            tr("Pengaduan tercatat"),
            tr(
                "Pengaduan tercatat dalam buku agenda dengan nomor\n\n{n}\n\n{linked}"
                "Cetak tanda terima untuk pelapor sekarang?"
            ).format(n=result.agenda_number, linked=linked),
        )
        self.received.emit(result.case_id)
        if wants_receipt:
            self.print_receipt.emit(result.case_id)
        super().accept()
