"""Buku Agenda: the register, searched as you type, filtered, sorted and counted."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain import catalog
from ..domain.sop import Profile
from ..services import queries
from ..services.changes import Changes
from .agenda_model import BLOCK, COLUMNS, SORTABLE, AgendaModel
from .context import AppContext
from .texts import tr

SEARCH_DEBOUNCE_MS = 250
FULL_LIST_DELAY_MS = 60


# Nomor agenda, Diterima, Kanal, Pelapor, Terlapor, Pokok (stretches), Klasifikasi,
# Langkah, Batas waktu, Keadaan, Tautan.
COLUMN_WIDTHS = (142, 106, 80, 124, 104, 220, 96, 140, 106, 104, 60)  # Langkah gave the link mark room
# Columns of a known form are as wide as their text in the screen's font.
COLUMN_SAMPLES = {
    0: "300/DUMAS/6103/2026",
    1: "01-12-2026 10.16",
    8: "01-12-2026 10.16",
    9: "Segera jatuh tempo",
    10: "Duplikat",  # the link mark: a word, so the subject keeps its room
}
SUBJECT = 5
FILTER_LETTERS = 14  # a filter list shows this many letters; its opened list shows every item whole


class CaseTable(QTableView):
    """A table of cases over an AgendaModel; Enter or double-click opens the case."""

    open_case = Signal(int)

    def __init__(self, model: AgendaModel) -> None:
        super().__init__()
        self.agenda = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # On a 1366-pixel screen every column shows without scrolling sideways; the subject
        # takes what is left, and each cell's whole text is in its tooltip.
        metrics, padding = self.fontMetrics(), 18
        for column, width in enumerate(COLUMN_WIDTHS):
            sample = COLUMN_SAMPLES.get(column)
            self.setColumnWidth(column, metrics.horizontalAdvance(sample) + padding if sample else width)
        header.setSectionResizeMode(SUBJECT, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.doubleClicked.connect(lambda index: self.open_case.emit(model.case_id(index.row())))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_case.emit(self.agenda.case_id(self.currentIndex().row()))
            return
        super().keyPressEvent(event)

    def selected_case(self) -> int | None:
        index = self.currentIndex()
        return self.agenda.case_id(index.row()) if index.isValid() else None

    @contextlib.contextmanager
    def keeping_place(self) -> Iterator[None]:
        """The case at the top of the view stays at the top while the list changes under it;
        a view scrolled to the very top stays there, so that cases added at the top (a new
        complaint, this PC's or another's) come into sight rather than above it."""
        bar = self.verticalScrollBar()
        value, top_row = bar.value(), self.rowAt(0)
        top = self.agenda.case_id(top_row) if top_row >= 0 else None
        yield
        row = self.agenda.row_of(top) if top is not None else None
        if value == bar.minimum():
            bar.setValue(bar.minimum())
        elif row is None or row == top_row:
            bar.setValue(value)
        else:
            self.scrollTo(self.agenda.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)


class AgendaTab(QWidget):
    open_case = Signal(int)
    new_complaint = Signal()

    def __init__(self, app: AppContext) -> None:
        super().__init__()
        self.app = app
        # Cases imported from an office with another SOP keep that SOP's classifications; the
        # model reads this dict, which an import that brings a new SOP extends in place.
        self.classifications = classification_names(app.all_profiles(), app.profile)
        self.model = AgendaModel(
            lambda ids: queries.rows_by_id(app.ws, ids),
            self.classifications,
            lambda ids, deliver: app.runner.run(lambda: queries.rows_by_id(app.ws, ids), deliver),
        )
        self.sort_key, self.descending = "agenda_number", True

        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Cari pelapor, terlapor, pokok, uraian, atau nomor agenda… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.year = self._combo([(tr("Semua tahun"), None)])
        self.step = self._combo([(tr("Semua langkah"), None)])
        self.status = self._combo([(tr("Semua keadaan"), None)] + [(tr(v), k) for k, v in catalog.STATUSES.items()])
        self.channel = self._combo([(tr("Semua kanal"), None)] + [(tr(v), k) for k, v in catalog.CHANNELS.items()])
        self.classification = self._combo([(tr("Semua klasifikasi"), None)])
        self._fill_sop_filters(app.all_profiles())
        # A province's file holds its regencies' cases: one office at a time, when it has several.
        self.office = self._combo([(tr("Semua kantor"), None)])
        self.office.setVisible(False)
        self.overdue = QCheckBox(tr("Hanya lewat batas waktu"))
        self.count = QLabel()
        new = QPushButton(tr("Pengaduan baru…"))
        new.setToolTip(tr("Mencatat pengaduan yang baru diterima (Ctrl+N)"))
        new.clicked.connect(self.new_complaint.emit)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(new)
        filters = QHBoxLayout()
        for widget in (
            self.year,
            self.office,
            self.step,
            self.status,
            self.channel,
            self.classification,
            self.overdue,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count)

        self.table = CaseTable(self.model)
        self.table.open_case.connect(self.open_case.emit)
        self.table.setSortingEnabled(False)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header.sectionClicked.connect(self._sort_by)

        # What a statistics bar or the attention strip narrowed the list to beyond the
        # filters above (a month, the cases the statistics count, due today), said in words
        # with a way back to everything.
        self._narrowing: dict[str, Any] = {}  # Filters fields, by name
        self.narrowed = QLabel()
        self.narrowed.setWordWrap(True)
        self.show_all = QPushButton(tr("Tampilkan semua pengaduan"))
        self.show_all.clicked.connect(self._widen)
        narrowed_row = QHBoxLayout()
        narrowed_row.addWidget(self.narrowed, 1)
        narrowed_row.addWidget(self.show_all)
        self.narrowed.setVisible(False)
        self.show_all.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(narrowed_row)
        layout.addWidget(self.table, 1)

        self.search.installEventFilter(self)  # Down goes on into the results
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        for combo in (self.year, self.office, self.step, self.status, self.channel, self.classification):
            combo.currentIndexChanged.connect(lambda _: self.reload())
        self.overdue.toggled.connect(lambda _: self.reload())
        self.year.activated.connect(lambda _: self._widen())  # another year: the month narrowed to is gone
        app.events.cases_changed.connect(self.apply_changes)
        self._generation = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount() > 0
        ):
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def _combo(self, items: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        for label, value in items:
            combo.addItem(label, value)
            combo.setItemData(combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
        # Sized to a few letters, not to the longest step name (which made the window
        # wider than the screen); the list that opens is as wide as its longest item.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(FILTER_LETTERS)
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        combo.currentTextChanged.connect(combo.setToolTip)
        combo.setToolTip(combo.currentText())
        return combo

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def filters(self) -> queries.Filters:
        return queries.Filters(
            year=self.year.currentData(),
            office_code=self.office.currentData(),
            step=self.step.currentData(),
            status=self.status.currentData(),
            channel=self.channel.currentData(),
            classification=self.classification.currentData(),
            overdue=self.overdue.isChecked(),
            **self._narrowing,
        )

    def _widen(self) -> None:
        if not self._narrowing:
            return
        self._narrowing = {}
        self.narrowed.setVisible(False)
        self.show_all.setVisible(False)
        self.reload()

    def show_only(
        self,
        *,
        overdue: bool = False,
        status: str | None = None,
        year: int | None = None,
        channel: str | None = None,
        classification: str | None = None,
        office_code: str | None = None,
        narrowing: dict[str, Any] | None = None,
        said: str = "",
    ) -> None:
        """Only the cases that match, every other filter cleared (the attention strip and
        the statistics' bars lead here). `narrowing`: Filters beyond the filter bar's (a
        period, only the counted cases, due today), shown as `said` above the list."""
        self._narrowing = dict(narrowing or {})
        self.narrowed.setText(said)
        self.narrowed.setVisible(bool(self._narrowing))
        self.show_all.setVisible(bool(self._narrowing))
        self.step.setCurrentIndex(0)
        self.search.clear()
        for combo, value in (
            (self.status, status),
            (self.channel, channel),
            (self.classification, classification),
            (self.year, year),
            (self.office, office_code),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)) if value is not None else 0)
        self.overdue.setChecked(overdue)
        self.reload()

    def _sort_by(self, column: int) -> None:
        key = COLUMNS[column][0]
        if key not in SORTABLE:
            self.table.horizontalHeader().setSortIndicator(
                [c[0] for c in COLUMNS].index(self.sort_key),
                Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder,
            )
            return
        self.descending = not self.descending if key == self.sort_key else key in ("agenda_number", "received_at")
        self.sort_key = key
        order = Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(column, order)
        self.reload()

    def reload(self) -> None:
        """Show the first block of matches at once, then the whole list; on the database
        worker, the newest request winning."""
        self._generation += 1
        generation = self._generation
        filters, text, sort, descending = self.filters(), self.search.text(), self.sort_key, self.descending
        ws = self.app.ws

        def first() -> tuple[list[int], list[queries.AgendaRow]]:
            ids = queries.agenda_ids(ws, filters, text, descending, sort, limit=BLOCK)
            return ids, queries.rows_by_id(ws, ids)  # one trip to the worker for the first screen

        def everything() -> tuple[list[int], list[int]]:
            return queries.agenda_ids(ws, filters, text, descending, sort), queries.years(ws)

        def show_first(first_block: tuple[list[int], list[queries.AgendaRow]]) -> None:
            if generation != self._generation:
                return
            self.model.set_ids(*first_block)
            # The full list waits until the first screen is painted: fetching it on the worker
            # would otherwise compete with that paint for the interpreter.
            QTimer.singleShot(FULL_LIST_DELAY_MS, self, fetch_everything)  # not after the tab is gone

        def fetch_everything() -> None:
            if generation == self._generation:  # not when a newer search has started meanwhile
                self.app.runner.run(everything, lambda result: self._show(generation, *result))

        self.app.runner.run(first, show_first, label=tr("Memuat buku agenda…"))

    def apply_changes(self, changes: Changes) -> None:
        """After an operation: the changed rows repaint first, then the list is read again
        and only its differences applied, so scroll and selection stay where they were."""
        ws = self.app.ws
        if changes.everything:
            # An import may have brought cases of another SOP, or of another office: learn
            # their classifications and offices (at open too: the first news is everything).
            self.app.runner.run(lambda: queries.case_profiles(ws), self._learn_classifications)
            self.app.runner.run(lambda: queries.offices(ws), self._learn_offices)
        if self.model.rowCount() == 0:
            self.reload()
            return
        repaint_changed(self.app, self.model, changes)
        generation = self._generation
        filters, text, sort, descending = self.filters(), self.search.text(), self.sort_key, self.descending

        def everything() -> tuple[list[int], list[int]]:
            return queries.agenda_ids(ws, filters, text, descending, sort), queries.years(ws)

        self.app.runner.run(everything, lambda result: self._show(generation, *result, keep_place=True))

    def _learn_classifications(self, profiles: list[Profile]) -> None:
        names = classification_names(profiles, self.app.profile)
        if names.items() - self.classifications.items():
            self.classifications.update(names)
            self.model.forget_rows()
        self._fill_sop_filters(profiles)

    def _learn_offices(self, offices: list[tuple[str, str]]) -> None:
        # Codes first, as in Statistik: distinct as typed.
        self._refill(self.office, [(f"{code} - {name}", code) for code, name in offices])
        self.office.setVisible(len(offices) > 1)

    def _fill_sop_filters(self, profiles: Iterable[Profile]) -> None:
        """The step and classification filters offer the office's own SOP first, then what
        the cases under another SOP (a regency's, imported) have that it has not."""
        own = self.app.profile
        steps: list[tuple[str, object]] = [(f"{s.no}. {s.name}", s.key) for s in own.steps]
        for profile in profiles:
            known = {key for _label, key in steps}
            steps += [(f"{s.no}. {s.name} ({tr('SOP lain')})", s.key) for s in profile.steps if s.key not in known]
        self._refill(self.step, steps)
        self._refill(self.classification, [(v, k) for k, v in self.classifications.items()])

    def _refill(self, combo: QComboBox, items: list[tuple[str, object]]) -> None:
        if [(combo.itemText(i), combo.itemData(i)) for i in range(1, combo.count())] == items:
            return
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for label, value in items:
            combo.addItem(label, value)
            combo.setItemData(combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        combo.blockSignals(False)

    def _show(
        self,
        generation: int,
        ids: list[int],
        years: list[int],
        *,
        keep_place: bool = False,
    ) -> None:
        if generation != self._generation:
            return
        selected = self.table.selected_case()
        if keep_place:
            with self.table.keeping_place():
                self.model.update_ids(ids)
        else:
            self.model.extend_ids(ids)
        self.count.setText(tr("{n} pengaduan").format(n=f"{len(ids):,}".replace(",", ".")))
        self._refill(self.year, [(str(year), year) for year in years])
        if selected is not None and (row := self.model.row_of(selected)) is not None:
            self.table.selectRow(row)


def repaint_changed(app: AppContext, model: AgendaModel, changes: Changes) -> None:
    """The listed rows an operation changed are read again and repaint; when any case may
    have changed, every row is read again as it is next shown."""
    if changes.everything:
        model.forget_rows()
    elif listed := model.listed(changes.cases):
        ws = app.ws
        app.runner.run(lambda: queries.rows_by_id(ws, listed), model.refresh_rows)


def classification_names(profiles: Iterable[Profile], own: Profile) -> dict[str, str]:
    """Every classification the file's cases can carry, by name; the office's own name wins
    where two profiles share a code."""
    return {**{k: v for p in profiles for k, v in p.classifications.items()}, **own.classifications}
