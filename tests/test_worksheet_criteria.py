"""The review worksheet names each requirement as the form asks it: the place of the event
is a material requirement on paper as on screen (one list for both)."""

from __future__ import annotations

from dumas_desktop.domain import catalog
from dumas_desktop.services import documents

from .test_lifecycle_sanggau import drive_to_hearing, receive_and_register
from .test_numbering import signatories, text_of  # noqa: F401 - the officials who sign, for every test


def test_the_printed_worksheet_sorts_the_requirements_as_the_form_does(ws, clock):
    case_id = receive_and_register(ws, clock)
    drive_to_hearing(ws, clock, case_id, hearing_needed=False)
    text = text_of(documents.issue(ws, case_id, "kertas_kerja_telaah").pdf)
    assert "Tempat kejadian (syarat materiil)" in text and "Tempat kejadian (syarat formil)" not in text
    for _key, subject, kind in catalog.WORKSHEET_CRITERIA:
        assert f"{subject} (syarat {kind})" in text


def test_the_form_labels_come_from_the_same_list():
    from dumas_desktop.ui.step_editors import CRITERIA

    assert [label for _key, label in CRITERIA] == [
        "Syarat formil: identitas pelapor",
        "Syarat formil: bukti dukung",
        "Syarat formil: waktu kejadian dan tenggat",
        "Syarat materiil: tempat kejadian",
        "Syarat materiil: peristiwa yang diadukan",
        "Syarat materiil: ketentuan yang dilanggar",
    ]
