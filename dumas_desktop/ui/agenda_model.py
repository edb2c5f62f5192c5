"""The agenda book's table model: it holds case ids and fetches rows as they are shown.

Like Anki's browser table, only ids live in the model; rows come from the data file a
block at a time when the view first asks for them, so 100,000 cases scroll smoothly.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ..domain import catalog, deadlines
from ..services.queries import AgendaRow
from .texts import tr

BLOCK = 200
# Rows kept in memory, by block: scrolling through 100,000 cases keeps only the newest.
MAX_BLOCKS = 30

COLUMNS: tuple[tuple[str, str], ...] = (
    ("agenda_number", "Nomor agenda"),
    ("received_at", "Diterima"),
    ("channel", "Kanal"),
    ("reporter", "Pelapor"),
    ("respondent", "Terlapor"),
    ("subject", "Pokok pengaduan"),
    ("classification", "Klasifikasi"),
    ("current_step", "Langkah"),
    ("due_at", "Batas waktu"),
    ("status", "Keadaan"),
    ("link_mark", "Tautan"),
)
SORTABLE = {"agenda_number", "received_at", "channel", "subject", "classification", "status", "current_step", "due_at"}

STATE_COLOURS = {
    deadlines.OVERDUE: QColor("#f8d7da"),
    deadlines.DUE_SOON: QColor("#fff3cd"),
    deadlines.PAUSED: QColor("#dbe7f6"),
    deadlines.ON_TIME: QColor("#e6f4ea"),
}

STATE_BRUSHES = {state: QBrush(colour) for state, colour in STATE_COLOURS.items()}
STATE_COLUMNS = {i for i, (key, _label) in enumerate(COLUMNS) if key in ("due_at", "status")}
SHOWN_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole)

Index = QModelIndex | QPersistentModelIndex
LINK_MARKS = {"duplikat": "Duplikat", "diadukan_ulang": "Diadukan ulang", "terkait": "Terkait"}  # as links.MARK_LABELS


def state_text(row: AgendaRow) -> str:
    if row.status in ("proses", "menunggu_pelapor"):
        return tr(deadlines.STATE_LABELS.get(row.deadline_state, row.deadline_state))
    return tr(catalog.STATUSES.get(row.status, row.status))


# Asks for rows off the UI thread: (ids, deliver) where deliver(rows) runs back on it.
RowRequest = Callable[[list[int], Callable[[list[AgendaRow]], None]], object]
LOADING = "…"


class AgendaModel(QAbstractTableModel):
    """With `request_rows`, a block not yet fetched shows "…" and arrives moments later,
    so scrolling never waits on the data file; without it, blocks are read in place."""

    def __init__(
        self,
        fetch_rows: Callable[[list[int]], list[AgendaRow]],
        classifications: dict[str, str],
        request_rows: RowRequest | None = None,
    ) -> None:
        super().__init__()
        self._fetch_rows = fetch_rows
        self._request_rows = request_rows
        self._classifications = classifications
        self._ids: list[int] = []
        self._rows: dict[int, AgendaRow] = {}
        # Each row's cell texts, made once when it arrives: a repaint asks for every cell
        # several times (shown, tooltip), and 40 rows × 10 columns add up.
        self._cells: dict[int, tuple[str, ...]] = {}
        self._blocks: OrderedDict[int, list[int]] = OrderedDict()  # fetch number -> its case ids
        self._fetches = itertools.count()
        self._requested: set[int] = set()  # block starts asked for and not yet delivered
        self._generation = 0
        self._positions: dict[int, int] | None = None  # case id -> row, built when first needed

    # --- contents ----------------------------------------------------------------------
    def set_ids(self, ids: list[int], rows: Sequence[AgendaRow] = ()) -> None:
        """A new list of cases, with any rows already read for it."""
        self.beginResetModel()
        self._ids = list(ids)
        self._rows.clear()
        self._cells.clear()
        self._blocks.clear()
        self._store(list(rows))
        self._requested.clear()
        self._generation += 1
        self._positions = None
        self.endResetModel()

    def extend_ids(self, ids: list[int]) -> None:
        """The full list after its first block: rows are appended when it continues the
        current list (keeping selection and scroll), otherwise the model resets."""
        if ids[: len(self._ids)] != self._ids:
            self.set_ids(ids)
        elif len(ids) > len(self._ids):
            self.beginInsertRows(QModelIndex(), len(self._ids), len(ids) - 1)
            self._ids = list(ids)
            self._positions = None
            self.endInsertRows()

    def update_ids(self, ids: list[int]) -> None:
        """The same list after a change: rows that left are removed, new ones inserted and
        any reordering done as a layout change, so the view keeps its selection and scroll
        (a reset would throw both away)."""
        if ids == self._ids:
            return
        self._generation += 1  # blocks in flight were asked for by the old positions
        self._requested.clear()
        kept = set(ids)
        for start, end in reversed(_runs([i for i, case_id in enumerate(self._ids) if case_id not in kept])):
            self.beginRemoveRows(QModelIndex(), start, end)
            del self._ids[start : end + 1]
            self._positions = None
            self.endRemoveRows()
        present = set(self._ids)
        for start, end in _runs([i for i, case_id in enumerate(ids) if case_id not in present]):
            self.beginInsertRows(QModelIndex(), start, end)
            self._ids[start:start] = ids[start : end + 1]
            self._positions = None
            self.endInsertRows()
        if self._ids != ids:
            self._reorder(ids)

    def _reorder(self, ids: list[int]) -> None:
        self.layoutAboutToBeChanged.emit()
        new_rows = {case_id: row for row, case_id in enumerate(ids)}
        old = self.persistentIndexList()
        moved = [self.index(new_rows[self._ids[index.row()]], index.column()) for index in old]
        self._ids = list(ids)
        self._positions = new_rows
        self.changePersistentIndexList(old, moved)
        self.layoutChanged.emit()

    def refresh_rows(self, rows: Sequence[AgendaRow]) -> None:
        """Fresh rows for listed cases: only their cells repaint."""
        last = len(COLUMNS) - 1
        for row in rows:
            position = self.row_of(row.id)
            if position is not None:
                self._rows[row.id] = row
                self._cells[row.id] = self._texts(row)
                self.dataChanged.emit(self.index(position, 0), self.index(position, last))

    def forget_rows(self) -> None:
        """Every row is read again when next shown (any case may have changed)."""
        self._rows.clear()
        self._cells.clear()
        self._blocks.clear()
        self._requested.clear()
        self._generation += 1
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    def listed(self, case_ids: frozenset[int]) -> list[int]:
        """Those of these cases the list holds."""
        return [case_id for case_id in case_ids if self.row_of(case_id) is not None]

    def case_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, case_id: int) -> int | None:
        if self._positions is None:
            self._positions = {cid: row for row, cid in enumerate(self._ids)}
        return self._positions.get(case_id)

    def _row(self, position: int) -> AgendaRow | None:
        case_id = self._ids[position]
        found = self._rows.get(case_id)
        if found is not None:
            return found
        start = (position // BLOCK) * BLOCK
        block = self._ids[start : start + BLOCK]
        if self._request_rows is None:
            self._store(self._fetch_rows(block))
            return self._rows.get(case_id)
        if start not in self._requested:
            self._requested.add(start)
            generation = self._generation
            self._request_rows(block, lambda rows: self._deliver(generation, start, rows))
        return None

    def _store(self, rows: list[AgendaRow]) -> None:
        if not rows:
            return
        for row in rows:
            self._rows[row.id] = row
            self._cells[row.id] = self._texts(row)
        self._blocks[next(self._fetches)] = [row.id for row in rows]
        while len(self._blocks) > MAX_BLOCKS:
            _, evicted = self._blocks.popitem(last=False)
            for case_id in evicted:
                self._rows.pop(case_id, None)
                self._cells.pop(case_id, None)

    def _deliver(self, generation: int, start: int, rows: list[AgendaRow]) -> None:
        if generation != self._generation:
            return  # the list changed meanwhile: these rows belong to the old one
        self._store(rows)
        self._requested.discard(start)
        end = min(len(self._ids), start + BLOCK) - 1
        if end >= start:
            self.dataChanged.emit(self.index(start, 0), self.index(end, len(COLUMNS) - 1))

    def loaded(self, position: int) -> bool:
        return self._ids[position] in self._rows

    # --- Qt's model interface ----------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(COLUMNS[section][1])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in SHOWN_ROLES:  # first: a view asks for many roles of every cell
            return None
        position = index.row()
        if not index.isValid() or not 0 <= position < len(self._ids):
            return None
        row = self._row(position)
        if row is None:
            return LOADING if role == Qt.ItemDataRole.DisplayRole else None
        column = index.column()
        if role == Qt.ItemDataRole.BackgroundRole:
            return STATE_BRUSHES.get(row.deadline_state) if column in STATE_COLUMNS else None
        return self._cells[row.id][column]  # shown, and as the tooltip: the whole text where the column is narrow

    def _texts(self, row: AgendaRow) -> tuple[str, ...]:
        return tuple(self._text(row, key) for key, _label in COLUMNS)

    def _text(self, row: AgendaRow, key: str) -> str:
        if key == "received_at":
            return f"{row.received_at:%d-%m-%Y %H.%M}"
        if key == "due_at":
            return f"{row.due_at:%d-%m-%Y %H.%M}" if row.due_at else "–"
        if key == "channel":
            return tr(catalog.CHANNELS.get(row.channel, row.channel))
        if key == "classification":
            return self._classifications.get(row.classification, row.classification) or "–"
        if key == "current_step":
            return row.step_label or "–"
        if key == "status":
            return state_text(row)
        if key == "link_mark":
            return LINK_MARKS.get(row.link_mark, "")
        return str(getattr(row, key))


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    """Sorted positions as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for position in positions:
        if runs and runs[-1][1] == position - 1:
            runs[-1] = (runs[-1][0], position)
        else:
            runs.append((position, position))
    return runs
