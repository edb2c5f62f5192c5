"""A file a person chooses (evidence, a signed scan, a logo) is refused above its limit by
its size alone, before a byte is read; what is read is stored whole, also when it is
large enough to go into the data file in pieces."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from dumas_desktop.domain.errors import DumasError
from dumas_desktop.services import intake
from dumas_desktop.services.files import megabytes, read_chosen_file
from dumas_desktop.storage.models import STREAMED_BLOB_BYTES, Blob, Evidence

from .builders import complaint


def test_a_file_above_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    huge = tmp_path / "video-rapat.mp4"
    with huge.open("wb") as handle:
        handle.truncate(4 * 2**30)  # 4 GB, sparse: reading it would take the memory
    opened: list[Path] = []
    real_open = Path.open

    def watched_open(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", watched_open)
    with pytest.raises(DumasError) as refused:
        read_chosen_file(huge, 100 * 2**20, "Bukti")
    assert refused.value.message == "Bukti video-rapat.mp4 terlalu besar (4096 MB); paling besar 100 MB."
    assert opened == []


def test_a_file_at_the_limit_is_read_whole(tmp_path):
    exact = tmp_path / "pindaian.pdf"
    exact.write_bytes(b"%PDF" + b"x" * (2**20 - 4))
    assert read_chosen_file(exact, 2**20) == exact.read_bytes()
    empty = tmp_path / "kosong.pdf"
    empty.write_bytes(b"")
    assert read_chosen_file(empty, 2**20) == b""  # refused later by the service, as "berkas kosong"


def test_what_goes_wrong_reading_is_one_indonesian_line(tmp_path):
    with pytest.raises(DumasError, match=r"^Bukti hilang\.pdf tidak ditemukan lagi di "):
        read_chosen_file(tmp_path / "hilang.pdf", 2**20, "Bukti")
    with pytest.raises(DumasError, match=r"^Bukti folder adalah folder, bukan berkas\.$"):
        (tmp_path / "folder").mkdir()
        read_chosen_file(tmp_path / "folder", 2**20, "Bukti")


def test_sizes_are_named_as_the_office_writes_them():
    assert megabytes(50 * 2**20) == "50 MB"
    assert megabytes(int(73.4 * 2**20)) == "73,4 MB"


def test_large_evidence_is_stored_whole_and_found_by_its_digest(ws, db, clock, tmp_path):
    import hashlib

    scan = tmp_path / "pindaian-besar.pdf"
    scan.write_bytes(b"%PDF" + bytes(range(256)) * (3 * STREAMED_BLOB_BYTES // 256))  # goes in by pieces
    evidence = intake.evidence_from_files([scan])
    intake.receive(ws, complaint(clock(), evidence=evidence), confirmations={"buku_tamu"})
    intake.receive(ws, complaint(clock(), evidence=evidence), confirmations={"buku_tamu"})  # the same file again
    with db.read() as session:
        blobs = session.scalars(select(Blob)).all()
        assert len(blobs) == 1  # kept once
        assert blobs[0].content == scan.read_bytes() and blobs[0].size == scan.stat().st_size
        assert blobs[0].sha256 == hashlib.sha256(scan.read_bytes()).hexdigest()
        assert {e.sha256 for e in session.scalars(select(Evidence))} == {blobs[0].sha256}


@pytest.mark.parametrize(
    ("size", "shown"), [(0, "0 B"), (280, "280 B"), (1024, "1 KB"), (43_500, "42 KB"), (1_468_006, "1,4 MB")]
)
def test_a_file_size_is_shown_as_people_read_it_never_a_small_file_as_0_kb(size, shown):
    from dumas_desktop.domain.filetypes import size_text

    assert size_text(size) == shown
