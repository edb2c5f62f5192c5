"""The agenda book's queries: full-text search kept in step, filters, deadline states."""

from __future__ import annotations

from datetime import datetime

import pytest

from dumas_desktop.services import case_file, intake, queries, screening
from dumas_desktop.services.intake import PartyInput
from dumas_desktop.services.queries import Filters
from dumas_desktop.services.screening import DispositionInput

from .builders import acting, complaint, reporter


def receive(ws, clock, **changes):
    return intake.receive(ws, complaint(clock(), **changes), confirmations={"buku_tamu"}).case_id


@pytest.mark.both_backends
def test_search_by_any_name_word_or_number(ws, clock):
    first = receive(ws, clock)
    second = receive(
        ws,
        clock,
        subject="Pemilih ganda di TPS 004",
        description="Nama ganda dalam DPT Desa Beringin",
        reporter=reporter(name="Antonius Baru"),
        channel="surat",
        respondents=(PartyInput(name="Stefanus Ading", position="Ketua KPPS", unit="KPPS TPS 004 Beringin"),),
    )
    assert queries.agenda_ids(ws, search="maria") == [first]
    assert queries.agenda_ids(ws, search="anton") == [second]  # a prefix, as typed
    assert queries.agenda_ids(ws, search="kpps beringin") == [second]  # respondent's position and unit
    assert queries.agenda_ids(ws, search="ketidaknetralan") == [first]
    assert queries.agenda_ids(ws, search="002/DUMAS") == [second]
    assert queries.agenda_ids(ws, search='"; DROP TABLE complaints; --') == []
    assert queries.agenda_ids(ws, search="   ") == [second, first]
    assert queries.count(ws, Filters(channel="surat")) == 1
    assert queries.count(ws, Filters(channel="surat"), search="maria") == 0


@pytest.mark.both_backends
def test_search_follows_changes(ws, clock):
    case_id = receive(ws, clock)
    detail = case_file.case_detail(ws, case_id)
    respondent = next(p for p in detail.parties if p.role == "respondent")
    intake.update_party(ws, respondent.id, PartyInput(name="Hendrikus Sumarno", position="Anggota PPS"))
    assert queries.agenda_ids(ws, search="bilung") == []
    assert queries.agenda_ids(ws, search="hendrikus") == [case_id]
    intake.add_party(ws, case_id, "respondent", PartyInput(name="Lukas Djangkang"))
    assert queries.agenda_ids(ws, search="djangkang") == [case_id]


@pytest.mark.both_backends
def test_confidential_reporter_is_masked_in_the_agenda_book(ws, clock):
    receive(ws, clock, reporter=reporter(confidentiality="identitas"))
    receive(ws, clock, reporter=reporter(name="Budi Santoso"))
    # Those whose roles need no identity see "Dirahasiakan"; the reporter cannot be found by name.
    outsider = acting(ws, "pengarah")
    rows = queries.agenda_page(outsider)
    assert [r.reporter for r in rows] == ["Budi Santoso", "Dirahasiakan"]
    assert queries.agenda_ids(outsider, search="maria") == []
    assert queries.count(outsider, search="maria") == 0
    # The receiving officer's work needs it: the name shows and the search finds it.
    officer = acting(ws, "pelaksana")
    assert [r.reporter for r in queries.agenda_page(officer)] == ["Budi Santoso", "Maria Goreti Lestari"]
    assert len(queries.agenda_ids(officer, search="maria")) == 1
    assert len(queries.agenda_page(officer, search="maria")) == 1


@pytest.mark.both_backends
def test_filters_and_deadline_states(ws, clock):
    fresh = receive(ws, clock)
    late = receive(ws, clock)
    screening.register(
        ws,
        late,
        "netralitas",
        DispositionInput("Ketua", "Tim Verifikator", "Telaah"),
        confirmations={"skrining_kelengkapan", "skrining_validitas"},
    )
    clock.set(datetime(2026, 3, 3, 12, 0))
    states = queries.deadline_states(ws)
    assert states == {fresh: "terlambat", late: "segera"}  # step 2 was due at 09:20 on the 2nd
    clock.set(datetime(2026, 3, 4, 8, 0))
    assert queries.deadline_states(ws)[late] == "terlambat"
    assert queries.count(ws, Filters(overdue=True)) == 2
    assert queries.count(ws, Filters(step="verifikasi")) == 1
    assert queries.count(ws, Filters(classification="netralitas")) == 1
    assert queries.count(ws, Filters(year=2025)) == 0
    attention = queries.attention(ws)
    assert (attention.overdue, attention.waiting_for_reporter) == (2, 0)
    page = queries.rows_by_id(ws, [late, fresh])
    assert [r.id for r in page] == [late, fresh]
    assert page[0].current_step == "verifikasi" and page[0].deadline_state == "terlambat"


@pytest.mark.both_backends
def test_search_folds_what_people_type_and_paste(ws, clock):
    import pytest

    from dumas_desktop.domain.errors import DumasError

    pasted = receive(
        ws,
        clock,
        subject="Ｄａｆｔａｒ ＤＰＴ ganda",  # full-width, as an input method types it
        description="Surat ﬁktif dari PPS",  # a ligature copied from a PDF
    )
    plain = receive(ws, clock, subject="Rekap DPT salah", description="Angka berbeda")
    assert sorted(queries.agenda_ids(ws, search="dpt")) == sorted([pasted, plain])
    assert sorted(queries.agenda_ids(ws, search="ＤＰＴ")) == sorted([pasted, plain])
    assert queries.agenda_ids(ws, search="daftar") == [pasted]
    assert queries.agenda_ids(ws, search="fiktif") == [pasted]
    assert queries.agenda_ids(ws, search="ﬁktif") == [pasted]
    assert queries.agenda_ids(ws, search="-ganda") == [pasted]  # a leading dash is a word, not an option
    with pytest.raises(DumasError, match="terlalu panjang"):
        queries.agenda_ids(ws, search="dpt " * 100)


@pytest.mark.both_backends
def test_search_folds_accents_on_a_file_and_on_a_server_alike(ws, clock):
    accented = receive(ws, clock, subject="Baliho di Désa Sungai Mawang", description="Dipasang oleh Hélène Ñoto")
    plain = receive(ws, clock, subject="Spanduk di desa Sungai Ayak", description="Dilaporkan warga")
    assert sorted(queries.agenda_ids(ws, search="desa")) == sorted([accented, plain])
    assert sorted(queries.agenda_ids(ws, search="DÉSA")) == sorted([accented, plain])
    assert queries.agenda_ids(ws, search="helene noto") == [accented]
    assert queries.agenda_ids(ws, search="hél") == [accented]  # a prefix as typed, accent and all
    assert queries.agenda_ids(ws, search="ñot") == [accented]


def test_the_file_s_details_name_it_by_its_whole_path_even_when_opened_by_a_relative_one(data_file, monkeypatch):
    from pathlib import Path

    from dumas_desktop.services.context import Workspace
    from dumas_desktop.storage.database import open_database

    monkeypatch.chdir(data_file.parent)
    db = open_database(Path(data_file.name))  # as `--data kantor.dumas` typed in its folder
    try:
        details = queries.file_details(Workspace(db))
    finally:
        db.close()
    assert Path(details.path).is_absolute() and Path(details.path) == data_file.absolute()
    assert details.cases == 0 and details.office_code == "6103"


@pytest.mark.both_backends
def test_a_search_without_filters_pages_the_same_cases_as_one_through_a_filter(demo_source):
    """With no filter the page comes from the index alone; a filter that keeps every case
    (the file's one office) goes through the join with the cases. Both must list the same
    cases in the same order, page by page."""
    from dumas_desktop.services.context import Workspace
    from dumas_desktop.storage.database import open_database
    from dumas_desktop.storage.server import parse_address

    source = demo_source(120)
    db = open_database(parse_address(source) if source.startswith("postgresql:") else source)
    try:
        ws = Workspace(db)
        ((office_code, _name),) = queries.offices(ws)
        everyone = Filters(office_code=office_code)
        for word in ("desa", "tps", "kpps", "pemilih desa"):
            joined = queries.agenda_ids(ws, everyone, search=word)
            assert len(joined) > 5, word  # a word many cases share, so that pages differ
            assert queries.agenda_ids(ws, search=word) == joined
            assert queries.agenda_ids(ws, search=word, limit=5) == joined[:5]
            assert queries.agenda_ids(ws, search=word, descending=False) == joined[::-1]
            assert [r.id for r in queries.agenda_page(ws, search=word, offset=5, limit=5)] == joined[5:10]
            assert [r.id for r in queries.agenda_page(ws, everyone, search=word, offset=5, limit=5)] == joined[5:10]
            assert queries.count(ws, search=word) == len(joined)
    finally:
        db.close()
