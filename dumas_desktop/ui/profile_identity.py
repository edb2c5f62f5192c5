"""The profile editor's page for the SOP's identity (its cover data), the actors and who
of them may see confidential reporters, and the reporter's completion window. Edits go
straight into the draft and are announced; `actors_changed` when the step form's actor
boxes must follow."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.sop_draft import Draft
from .profile_step_form import error_label, target_choices
from .settings_tab import typed_date
from .texts import tr

# Where the loader's complaint about a part of the profile outside the steps is shown.
PLACES = {"actors": "actors", "access": "actors", "completion": "completion", "classifications": "name"}


class IdentityPage(QScrollArea):
    changed = Signal()
    actors_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.draft: Draft | None = None
        content = QWidget()
        row = QHBoxLayout(content)
        box = QGroupBox(tr("Identitas SOP"))
        form = QFormLayout(box)
        self.fields: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
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
            self.fields[key] = edit
            form.addRow(label, edit)
            self.errors[key] = error_label()
            form.addRow("", self.errors[key])
        self.window_days = QLineEdit()
        self.window_days.textEdited.connect(lambda _: self._completion_edited())
        self.return_to = QComboBox()
        self.return_to.activated.connect(lambda _: self._completion_edited())
        form.addRow(tr("Jendela kelengkapan (hari kerja)"), self.window_days)
        form.addRow(tr("Setelah dilengkapi kembali ke"), self.return_to)
        self.errors["completion"] = error_label()
        form.addRow("", self.errors["completion"])
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
        self.errors["actors"] = error_label()
        column.addWidget(self.errors["actors"])
        row.addWidget(box, 1)
        self.setWidgetResizable(True)
        self.setWidget(content)

    @staticmethod
    def _button(text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: slot())
        return button

    def _draft(self) -> Draft:
        assert self.draft is not None
        return self.draft

    def show_draft(self, draft: Draft) -> None:
        self.draft = draft
        for key, edit in self.fields.items():
            value = getattr(draft, key)
            edit.setText(value.strftime("%d-%m-%Y") if key == "approved_on" and value else (value or ""))
        self.window_days.setText(str(draft.completion_time.value))
        self.return_to.clear()
        for key, label in target_choices(draft)[:-2]:
            self.return_to.addItem(label, key)
        self.return_to.setCurrentIndex(max(0, self.return_to.findData(draft.completion_return_to)))
        self._list_actors()

    def _list_actors(self) -> None:
        draft = self._draft()
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

    def show_problem(self, part: str, field: str, message: str) -> None:
        """The loader's message beside the field it concerns ("profile", "name")."""
        key = field if part == "profile" else PLACES.get(part, "name")
        label = self.errors.get(key) or self.errors["name"]
        label.setText(message)
        label.show()

    def clear_problems(self) -> None:
        for label in self.errors.values():
            label.hide()

    # --- editing ---------------------------------------------------------------------------------
    def _identity_edited(self, key: str, text: str) -> None:
        draft = self._draft()
        if key == "approved_on":
            day = typed_date(text)
            if text.strip() and day is None:
                self.errors[key].setText(tr("Ketik tanggal sebagai hari-bulan-tahun, mis. 23-02-2026."))
                self.errors[key].show()
                return
            draft.approved_on = day
        else:
            setattr(draft, key, text)
        self.changed.emit()

    def _completion_edited(self) -> None:
        draft = self._draft()
        text = self.window_days.text().strip()
        if not text.isdigit():
            self.errors["completion"].setText(tr("Tulis jumlah hari kerja sebagai angka, mis. 3."))
            self.errors["completion"].show()
            return
        draft.completion_time.value = int(text)
        draft.completion_return_to = self.return_to.currentData() or draft.completion_return_to
        self.changed.emit()

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
        self.actors_changed.emit()

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
        self._list_actors()
        self.actors_changed.emit()

    def remove_actor(self) -> None:
        """An actor's steps keep naming it: the loader then says which step still does."""
        draft = self._draft()
        key_item = self.actors.item(self.actors.currentRow(), 0)
        if key_item is None:
            return
        key = key_item.text()
        draft.actors.pop(key, None)
        if key in draft.see_identity:
            draft.see_identity.remove(key)
        self._list_actors()
        self.actors_changed.emit()
