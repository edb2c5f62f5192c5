"""The server backend's own guarantees, against a real PostgreSQL server."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.both_backends


def test_smoke(ws, backend):
    from dumas_desktop.services import queries

    assert queries.count(ws) == 0
