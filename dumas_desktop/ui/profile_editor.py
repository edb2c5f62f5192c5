"""Pengaturan → Profil SOP: the administrator revises the office's SOP on a draft copy,
sees the loader's word beside each field as they type, compares the draft with the
version in force as the SOP's own table, adopts it as a new version, prints it, and
exports or installs a profile file."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
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
from ..domain.sop import CLOSE_TARGET, Profile, Step
from ..domain.sop_draft import Draft
from ..domain.sop_table import ComparedRow, compare
from ..services import profile_editor
from ..services.files import write_bytes
from ..services.profile_editor import DraftCheck, VersionInfo
from . import dialogs
from .context import AppContext
from .profile_step_form import ERROR_STYLE, StepForm, error_label, target_choices
from .settings_tab import typed_date
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
        self.tabs.addTab(self._identity_page(), tr("Identitas dan pelaksana"))
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
            (tr("Cetak SOP…"), lambda: self.print_sop(None)),
            (tr("Simpan ke berkas…"), lambda: self.export(None)),
            (tr("Pasang dari berkas…"), self.install),
        ):
            buttons.addWidget(self._button(text, slot))
        buttons.addStretch(1)
        buttons.addWidget(self._button(tr("Tutup"), self.close))
        outer.addLayout(buttons)
        self.load()

    @staticmethod
    def _button(text: str, slot: Callable[[], None]) -> QPushButton:
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

    def _identity_page(self) -> QWidget:
        content = QWidget()
        row = QHBoxLayout(content)
        box = QGroupBox(tr("Identitas SOP"))
        form = QFormLayout(box)
        self.identity: dict[str, QLineEdit] = {}
        self.identity_errors: dict[str, QLabel] = {}
        for key, label in (
            ("name", tr("Nama SOP")),
            ("number", tr("Nomor SOP")),
            ("approved_on", tr("Tanggal pengesahan")),
            ("approved_by", tr("Disahkan oleh (jabatan)")),
            ("approver", tr("Nama pejabat pengesah")),
            ("approver_nip", tr("NIP pejabat pengesah")),
            ("unit", tr("Unit pemilik SOP")),
            ("source", tr("Dasar penetapan")),
        ):
            edit = QLineEdit()
            if key == "approved_on":
                edit.setPlaceholderText(tr("hari-bulan-tahun, mis. 23-02-2026"))
            edit.textEdited.connect(lambda text, key=key: self._identity_edited(key, text))
            self.identity[key] = edit
            form.addRow(label, edit)
            self.identity_errors[key] = error_label()
            form.addRow("", self.identity_errors[key])
        self.window_days = QLineEdit()
        self.window_days.textEdited.connect(lambda _: self._completion_edited())
        self.return_to = QComboBox()
        self.return_to.activated.connect(lambda _: self._completion_edited())
        form.addRow(tr("Jendela kelengkapan (hari kerja)"), self.window_days)
        form.addRow(tr("Setelah dilengkapi kembali ke"), self.return_to)
        self.identity_errors["completion"] = error_label()
        form.addRow("", self.identity_errors["completion"])
        row.addWidget(box, 1)

        box = QGroupBox(tr("Pelaksana (peran)"))
        column = QVBoxLayout(box)
        self.actors = QTableWidget(0, 3)
        self.actors.setHorizontalHeaderLabels([tr("Kunci"), tr("Nama pelaksana"), tr("Melihat pelapor rahasia")])
        self.actors.verticalHeader().setVisible(False)
        self.actors.horizontalHeader().setStretchLastSection(True)
        self.actors.setColumnWidth(0, 150)
        self.actors.setColumnWidth(1, 220)
        self.actors.itemChanged.connect(self._actor_edited)
        column.addWidget(self.actors, 1)
        line = QHBoxLayout()
        self.new_actor = QLineEdit()
        self.new_actor.setPlaceholderText(tr("nama pelaksana baru"))
        line.addWidget(self.new_actor, 1)
        line.addWidget(self._button(tr("Tambah pelaksana"), self.add_actor))
        line.addWidget(self._button(tr("Hapus pelaksana"), self.remove_actor))
        column.addLayout(line)
        self.identity_errors["actors"] = error_label()
        column.addWidget(self.identity_errors["actors"])
        row.addWidget(box, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        return scroll

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
        self._show_identity()
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

    def _show_identity(self) -> None:
        draft = self._draft()
        for key, edit in self.identity.items():
            value = getattr(draft, key)
            edit.setText(value.strftime("%d-%m-%Y") if key == "approved_on" and value else (value or ""))
        self.window_days.setText(str(draft.completion_time.value))
        self.return_to.clear()
        for key, label in target_choices(draft)[:-2]:
            self.return_to.addItem(label, key)
        self.return_to.setCurrentIndex(max(0, self.return_to.findData(draft.completion_return_to)))
        self.actors.blockSignals(True)
        self.actors.setRowCount(len(draft.actors))
        for row, (key, label) in enumerate(draft.actors.items()):
            key_item = QTableWidgetItem(key)
            key_item.setFlags(key_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            see = QTableWidgetItem(tr("Ya"))
            see.setFlags((see.flags() | Qt.ItemFlag.ItemIsUserCheckable) & ~Qt.ItemFlag.ItemIsEditable)
            see.setCheckState(Qt.CheckState.Checked if key in draft.see_identity else Qt.CheckState.Unchecked)
            self.actors.setItem(row, 0, key_item)
            self.actors.setItem(row, 1, QTableWidgetItem(label))
            self.actors.setItem(row, 2, see)
        self.actors.blockSignals(False)

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

    # --- identity and actors ---------------------------------------------------------------------
    def _identity_edited(self, key: str, text: str) -> None:
        draft = self._draft()
        if key == "approved_on":
            day = typed_date(text)
            if text.strip() and day is None:
                self.identity_errors[key].setText(tr("Ketik tanggal sebagai hari-bulan-tahun, mis. 23-02-2026."))
                self.identity_errors[key].show()
                return
            draft.approved_on = day
        else:
            setattr(draft, key, text)
        self._edited()

    def _completion_edited(self) -> None:
        draft = self._draft()
        text = self.window_days.text().strip()
        if not text.isdigit():
            self.identity_errors["completion"].setText(tr("Tulis jumlah hari kerja sebagai angka, mis. 3."))
            self.identity_errors["completion"].show()
            return
        draft.completion_time.value = int(text)
        draft.completion_return_to = self.return_to.currentData() or draft.completion_return_to
        self._edited()

    def _actor_edited(self, item: QTableWidgetItem) -> None:
        draft = self._draft()
        key_item = self.actors.item(item.row(), 0)
        if key_item is None:
            return
        key = key_item.text()
        if item.column() == 1:
            draft.actors[key] = item.text()
        elif item.column() == 2:
            seeing = item.checkState() == Qt.CheckState.Checked
            if seeing and key not in draft.see_identity:
                draft.see_identity.append(key)
            elif not seeing and key in draft.see_identity:
                draft.see_identity.remove(key)
        self.form.show_step(draft, max(0, self.steps.currentRow()))
        self._edited()

    def add_actor(self) -> None:
        draft, name = self._draft(), " ".join(self.new_actor.text().split())
        if not name:
            return
        base = "".join(c if c.isalnum() else "_" for c in name.lower()).strip("_") or "pelaksana"
        key, number = base, 2
        while key in draft.actors:
            key, number = f"{base}_{number}", number + 1
        draft.actors[key] = name
        self.new_actor.clear()
        self._show_identity()
        self.form.show_step(draft, max(0, self.steps.currentRow()))
        self._edited()

    def remove_actor(self) -> None:
        draft, row = self._draft(), self.actors.currentRow()
        key_item = self.actors.item(row, 0)
        if key_item is None:
            return
        key = key_item.text()
        draft.actors.pop(key, None)
        if key in draft.see_identity:
            draft.see_identity.remove(key)
        self._show_identity()
        self.form.show_step(draft, max(0, self.steps.currentRow()))
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
        for label in self.identity_errors.values():
            label.hide()
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
        place = {"profile": checked.field, "actors": "actors", "access": "actors", "completion": "completion"}
        key = place.get(parts[0] if parts else "", "")
        label = self.identity_errors.get(key) or self.identity_errors.get("name")
        if label is not None:
            label.setText(checked.message)
            label.show()

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


def _cell(compared: ComparedRow, column: str, value: str) -> str:
    changed = column in compared.changed
    before = compared.before
    old = ""
    if changed and before is not None:
        old = f"<br/><span class='old'>{_html(before.cell(column))}</span>"
    css = f" class='{'new' if before is None else 'changed'}'" if changed else ""
    return f"<td{css}>{_html(value)}{old}</td>"


def _html(value: str) -> str:
    return escape(value).replace("\n", "<br/>")


def _symbol(index: int, step: Step) -> str:
    """The flowchart symbol as a character (the printed SOP draws it)."""
    if index == 0 or (not step.branches and step.next == CLOSE_TARGET):
        return "\u25cb"  # oval: start or end
    return "\u25c7" if step.branches else "\u25a1"


def compare_html(draft: Profile, active: Profile) -> str:
    """The draft as the SOP's table, each changed cell marked and the text in force shown
    struck through beneath it; steps the draft drops listed after."""
    rows, removed = compare(draft, active)
    actors = list(draft.actors)
    head = "".join(f"<th>{escape(draft.actors[a])}</th>" for a in actors)
    out = [
        "<style>td,th{border:1px solid #888;padding:3px;vertical-align:top;font-size:9pt}"
        "th{background:#e6e6e6} .changed{background:#fff3b0} .new{background:#d7f5d7}"
        " .old{color:#8a1c1c;text-decoration:line-through}</style>",
        f"<p><b>{escape(tr('Draf'))}</b> {escape(tr('dibandingkan dengan versi yang berlaku'))} "
        f"({escape(active.id)} {escape(tr('versi'))} {active.version}). "
        f"<span class='changed'>{escape(tr('Kuning: berubah'))}</span>, "
        f"<span class='new'>{escape(tr('hijau: langkah baru'))}</span>.</p>",
        "<table cellspacing='0' width='100%'>",
        f"<tr><th rowspan='2'>No</th><th rowspan='2' width='22%'>{escape(tr('Kegiatan'))}</th>"
        f"<th colspan='{len(actors)}'>{escape(tr('Pelaksana'))}</th>"
        f"<th colspan='4'>{escape(tr('Mutu Baku'))}</th></tr>",
        f"<tr>{head}<th>{escape(tr('Kelengkapan/Persyaratan'))}</th><th>{escape(tr('Waktu'))}</th>"
        f"<th>{escape(tr('Output'))}</th><th>{escape(tr('Keterangan'))}</th></tr>",
    ]
    steps = {s.key: (i, s) for i, s in enumerate(draft.steps)}
    for compared in rows:
        row = compared.row
        mark = "new" if compared.before is None else "changed"
        symbol = _symbol(*steps[row.key])

        def cell(column: str, value: str, compared: ComparedRow = compared) -> str:
            return _cell(compared, column, value)

        actor_changed = "actors" in compared.changed
        actor_cells = "".join(
            f"<td align='center'{(' class=' + repr(mark)) if actor_changed else ''}>"
            f"{symbol if a in row.actors else ''}</td>"
            for a in actors
        )
        out.append(
            f"<tr><td>{row.no}</td>{cell('activity', row.activity)}{actor_cells}"
            f"{cell('requirements', row.requirements)}{cell('time', row.time)}"
            f"{cell('outputs', row.outputs)}{cell('remarks', row.remarks)}</tr>"
        )
    out.append("</table>")
    if removed:
        out.append(f"<p><b>{escape(tr('Langkah yang dihapus dari versi yang berlaku:'))}</b></p><ul>")
        out += [f"<li class='old'>{r.no}. {escape(r.activity)}</li>" for r in removed]
        out.append("</ul>")
    if not any(c.changed for c in rows) and not removed:
        out.append(f"<p>{escape(tr('Tidak ada perbedaan langkah dengan versi yang berlaku.'))}</p>")
    return "".join(out)
