"""The width table nitet ships (nitet/reports/fontmetrics.py) is the one its generator makes from
Laksaman, the metric clone of TH SarabunPSK (checked where the font and fontTools are installed)."""

from __future__ import annotations

import pytest

from nitet.devtools import font_metrics
from nitet.reports import fontmetrics


def test_the_shipped_table_is_current() -> None:
    pytest.importorskip("fontTools", reason="fontTools is not installed (pip install '.[test]')")
    if any(font_metrics.find_font(name) is None for name in font_metrics.FONTS.values()):
        pytest.skip("fonts-thai-tlwg (Laksaman) is not installed")
    assert font_metrics.render() == font_metrics.TARGET.read_text(encoding="utf-8"), \
        "run: python -m nitet.devtools.font_metrics"


def test_the_table_holds_thai_and_latin() -> None:
    covered = {first + i for first, run in fontmetrics.REGULAR for i in range(len(run))}
    assert set(range(0x20, 0x7F)) <= covered and set(range(0x0E01, 0x0E3B)) <= covered
    assert set(range(0x0E3F, 0x0E5C)) <= covered
    assert fontmetrics.DIGIT == {"regular": 544, "bold": 568}  # Excel's column unit in TH SarabunPSK
    assert 1.9 < fontmetrics.LINE_EM < 2.0
