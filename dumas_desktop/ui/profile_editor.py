"""Pengaturan → Profil SOP: the administrator revises the office's SOP on a draft copy,
sees the loader's word beside each field as they type, compares the draft with the
version in force as the SOP's own table, adopts it as a new version, prints it, and
exports or installs a profile file."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import DumasError
from ..domain.sop import Profile
from ..domain.sop_draft import Draft
from ..services import profile_editor
from ..services.files import write_bytes
from ..services.profile_editor import DraftCheck, VersionInfo
from . import dialogs
from .context import AppContext
from .profile_identity import IdentityPage
from .profile_preview import compare_html
from .profile_step_form import ERROR_STYLE, StepForm
from .texts import tr

OK_STYLE = "color: #1b5e20"


class ProfileEditor(QDialog):
    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.draft: Draft | None = None
        self.active: Profile | None = None
        self.record_ids: list[int] = []
        self.checked = DraftCheck(None)
        self.notice = ""  # what the last action did, shown until the next edit
        self.setWindowTitle(tr("Profil SOP"))
        self.resize(1280, 680)
        outer = QVBoxLayout(self)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)
        self.tabs.addTab(self._steps_page(), tr("Langkah"))
        self.identity = IdentityPage()
        self.identity.changed.connect(self._edited)
        self.identity.actors_changed.connect(self._actors_changed)
        self.tabs.addTab(self.identity, tr("Identitas dan pelaksana"))
        self.preview = QTextBrowser()
        self.tabs.addTab(self.preview, tr("Pratinjau dan perbandingan"))
        self.tabs.addTab(self._versions_page(), tr("Versi"))
        self.tabs.currentChanged.connect(lambda _: self._show_preview())

        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        outer.addWidget(self.verdict)
        buttons = QHBoxLayout()
        for text, slot in (
            (tr("Terapkan sebagai versi baru"), self.adopt),
            (tr("Cetak SOP…"), self.print_active),
            (tr("Simpan ke berkas…"), lambda: self.export(None)),
            (tr("Pasang dari berkas…"), self.install),
        ):
            buttons.addWidget(self._button(text, slot))
        buttons.addStretch(1)
        buttons.addWidget(self._button(tr("Tutup"), self.close))
        outer.addLayout(buttons)
        self.load()

    @staticmethod
    def _button(text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: slot())
        return button

    # --- pages -----------------------------------------------------------------------------------
    def _steps_page(self) -> QWidget:
        page = QSplitter(Qt.Orientation.Horizontal)
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(tr("Langkah SOP")))
        self.steps = QListWidget()
        # Long activity names end in "…" (the whole name is its tooltip), not a sideways scroll.
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.steps.currentRowChanged.connect(self._step_chosen)
        column.addWidget(self.steps, 1)
        for row in (
            ((tr("Tambah langkah"), self.add_step), (tr("Hapus langkah"), self.remove_step)),
            (
                (tr("Naik"), lambda: self.move_step(-1)),
                (tr("Turun"), lambda: self.move_step(1)),
            ),
        ):
            line = QHBoxLayout()
            for text, slot in row:
                line.addWidget(self._button(text, slot))
            column.addLayout(line)
        page.addWidget(side)
        self.form = StepForm()
        self.form.changed.connect(self._edited)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        page.addWidget(scroll)
        page.setSizes([300, 960])
        return page

    def _versions_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(
            QLabel(
                tr(
                    "Setiap versi tetap tersimpan. Pengaduan mengikuti versi yang berlaku saat diterima, "
                    "sampai selesai."
                )
            )
        )
        self.versions = QTableWidget(0, 4)
        self.versions.setHorizontalHeaderLabels([tr("Versi"), tr("Nama"), tr("Diterapkan oleh"), tr("Pengaduan")])
        self.versions.verticalHeader().setVisible(False)
        self.versions.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.versions.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.versions.setColumnWidth(0, 300)
        self.versions.setColumnWidth(1, 520)
        self.versions.setColumnWidth(2, 220)
        self.versions.horizontalHeader().setStretchLastSection(True)
        column.addWidget(self.versions, 1)
        line = QHBoxLayout()
        line.addWidget(self._button(tr("Sunting mulai dari versi ini"), self.draft_from_chosen))
        line.addWidget(self._button(tr("Cetak versi ini…"), lambda: self.print_sop(self._chosen_version())))
        line.addWidget(self._button(tr("Simpan versi ini ke berkas…"), lambda: self.export(self._chosen_version())))
        line.addStretch(1)
        column.addLayout(line)
        return page

    # --- loading ---------------------------------------------------------------------------------
    def load(self, record_id: int | None = None) -> None:
        ws = self.app.ws

        def work() -> tuple[Draft, Profile, list[VersionInfo]]:
            return (
                profile_editor.start_draft(ws, record_id),
                profile_editor.version_profile(ws)[1],
                (profile_editor.versions(ws)),
            )

        self.app.runner.run(work, self._loaded, on_message=self._refused)

    def _loaded(self, loaded: tuple[Draft, Profile, list[VersionInfo]]) -> None:
        self.draft, self.active, versions = loaded
        self._show_versions(versions)
        self.identity.show_draft(self._draft())
        self._list_steps(0)
        self._recheck()

    def _refused(self, error: DumasError) -> None:
        dialogs.warn(self, tr("Profil SOP"), error.message)

    def _show_versions(self, versions: list[VersionInfo]) -> None:
        self.record_ids = [v.record_id for v in versions]
        self.versions.setRowCount(len(versions))
        for row, v in enumerate(versions):
            for column, value in enumerate((v.label, v.name, v.adopted_by or "-", str(v.cases))):
                self.versions.setItem(row, column, QTableWidgetItem(value))

    def _chosen_version(self) -> int | None:
        row = self.versions.currentRow()
        return self.record_ids[row] if 0 <= row < len(self.record_ids) else None

    def _draft(self) -> Draft:
        assert self.draft is not None
        return self.draft

    # --- steps -----------------------------------------------------------------------------------
    def _list_steps(self, row: int) -> None:
        draft = self._draft()
        self.steps.blockSignals(True)
        self.steps.clear()
        for no, step in enumerate(draft.steps, start=1):
            self.steps.addItem(f"{no}. {step.name}")
            item = self.steps.item(no - 1)
            if item is not None:
                item.setToolTip(step.name)
        self.steps.blockSignals(False)
        self.steps.setCurrentRow(max(0, min(row, len(draft.steps) - 1)))
        self._step_chosen(self.steps.currentRow())

    def _step_chosen(self, row: int) -> None:
        if self.draft is not None and 0 <= row < len(self.draft.steps):
            self.form.show_step(self.draft, row)
            self._show_problem()

    def add_step(self) -> None:
        row = self._draft().add_step(after=self.steps.currentRow())
        self._list_steps(row)
        self._edited()

    def remove_step(self) -> None:
        draft, row = self._draft(), self.steps.currentRow()
        if not 0 <= row < len(draft.steps):
            return
        step = draft.steps[row]
        if not dialogs.ask(
            self,
            tr("Hapus langkah"),
            tr("Hapus langkah {no}. {name} dari draf? Yang menuju langkah ini akan menuju langkah sesudahnya.").format(
                no=row + 1, name=step.name
            ),
        ):
            return
        draft.remove_step(row)
        self._list_steps(row)
        self._edited()

    def move_step(self, delta: int) -> None:
        row = self._draft().move_step(self.steps.currentRow(), delta)
        self._list_steps(row)
        self._edited()

    def _actors_changed(self) -> None:
        self.form.show_step(self._draft(), max(0, self.steps.currentRow()))
        self._edited()

    # --- the loader's word -----------------------------------------------------------------------
    def _edited(self) -> None:
        self.notice = ""
        self._recheck()

    def _recheck(self) -> None:
        if self.draft is None:
            return
        self.checked = profile_editor.check_draft(self.draft)
        for row, step in enumerate(self.draft.steps):
            item = self.steps.item(row)
            if item is not None:
                item.setText(f"{row + 1}. {step.name}")
        self._show_problem()
        self._show_preview()

    def _show_problem(self) -> None:
        checked = self.checked
        self.form.clear_problems()
        self.identity.clear_problems()
        for row in range(self.steps.count()):
            item = self.steps.item(row)
            if item is not None:
                item.setForeground(Qt.GlobalColor.black)
        if checked.ok:
            self.verdict.setStyleSheet(OK_STYLE)
            self.verdict.setText(self.notice or tr("Draf sah menurut pemeriksa profil SOP."))
            return
        self.verdict.setStyleSheet(ERROR_STYLE)
        self.verdict.setText(checked.message)
        parts = checked.where.split(".") if checked.where else []
        if parts[:1] == ["steps"] and len(parts) > 1:
            row = int(parts[1])
            item = self.steps.item(row)
            if item is not None:
                item.setForeground(Qt.GlobalColor.red)
            if row == self.steps.currentRow():
                self.form.show_problem(".".join(parts[2:]), checked.field, checked.message)
            return
        self.identity.show_problem(parts[0] if parts else "", checked.field, checked.message)

    def _show_preview(self) -> None:
        if self.tabs.currentWidget() is not self.preview or self.active is None:
            return
        if self.checked.profile is None:
            self.preview.setHtml(
                f"<p style='color:#b00020'>{escape(tr('Draf belum sah, pratinjau belum dapat dibuat:'))} "
                f"{escape(self.checked.message)}</p>"
            )
            return
        self.preview.setHtml(compare_html(self.checked.profile, self.active))

    # --- actions ---------------------------------------------------------------------------------
    def adopt(self) -> None:
        draft = self._draft()
        if not self.checked.ok:
            dialogs.warn(self, tr("Draf belum sah"), self.checked.message)
            return
        if not dialogs.ask(
            self,
            tr("Terapkan sebagai versi baru"),
            tr(
                "Terapkan draf sebagai versi baru profil {id}? Pengaduan yang diterima mulai sekarang mengikuti "
                "versi baru; pengaduan yang sedang berjalan tetap memakai versinya dan batas waktunya."
            ).format(id=draft.id),
        ):
            return
        ws = self.app.ws
        self.app.runner.run(lambda: profile_editor.adopt_draft(ws, draft), self._adopted, on_message=self._refused)

    def _adopted(self, adopted: profile_editor.Adopted) -> None:
        self._now_in_force(adopted.profile)
        self._status(
            tr("Profil {id} versi {version} berlaku untuk pengaduan baru.").format(
                id=adopted.profile.id, version=adopted.profile.version
            )
        )
        self.load()

    def _now_in_force(self, profile: Profile) -> None:
        self.app.profile = profile
        if profile not in self.app.all_profiles():
            self.app.profiles = (*self.app.all_profiles(), profile)
        self.app.events.settings_changed.emit()

    def _status(self, text: str) -> None:
        self.notice = text
        self.verdict.setStyleSheet(OK_STYLE)
        self.verdict.setText(text)
        window = self.parent()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 8000)

    def print_active(self) -> None:
        self.print_sop(None)

    def draft_from_chosen(self) -> None:
        record_id = self._chosen_version()
        if record_id is not None:
            self.load(record_id)
            self.tabs.setCurrentIndex(0)

    def print_sop(self, record_id: int | None) -> None:
        target = dialogs.save_file_name(self, tr("Cetak SOP ke PDF"), "SOP.pdf", tr("PDF (*.pdf)"), dialogs.PDF)
        if target is None:
            return
        ws = self.app.ws

        def work() -> None:
            write_bytes(target, profile_editor.sop_document(ws, record_id))

        done = tr("SOP disimpan sebagai PDF di {path}; cetak dan tandatangani.").format(path=target)
        self.app.runner.run(work, lambda _: self._status(done), on_message=self._refused)

    def export(self, record_id: int | None) -> None:
        target = dialogs.save_file_name(
            self, tr("Simpan profil SOP"), "profil-sop.toml", tr("Profil SOP (*.toml)"), dialogs.PROFILE
        )
        if target is None:
            return
        ws = self.app.ws

        def done(profile: Profile) -> None:
            self._status(
                tr("Profil {id} versi {version} disimpan ke {path}.").format(
                    id=profile.id, version=profile.version, path=target
                )
            )

        def work() -> Profile:
            return profile_editor.export_version(ws, target, record_id)

        self.app.runner.run(work, done, on_message=self._refused)

    def install(self) -> None:
        path = dialogs.open_file_name(self, tr("Pasang profil SOP"), tr("Profil SOP (*.toml)"), dialogs.PROFILE)
        if path is None:
            return
        ws = self.app.ws

        def done(profile: Profile) -> None:
            self._now_in_force(profile)
            self._status(
                tr("Profil {id} versi {version} dipasang untuk pengaduan baru.").format(
                    id=profile.id, version=profile.version
                )
            )
            self.load()

        def refused(error: DumasError) -> None:
            dialogs.warn(self, tr("Profil tidak dipasang"), error.message)

        self.app.runner.run(lambda: profile_editor.install_file(ws, path), done, on_message=refused)
