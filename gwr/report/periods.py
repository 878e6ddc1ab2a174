"""Periods: which span of time a figure covers.

* ``到2027年``/``2025年底前`` move the targets of that clause and the following ones
  (up to ``今年``) to that year (:data:`TO_YEAR_RE`).
* Values without a subject after a part of the year form a series
  (``GDP增速逐季攀升，上半年3.2%、前三季度4.4%、全年5%`` -> ``GDP增速(上半年)`` …).
* A review paragraph about a five-year term (``过去五年``, ``…的五年``) dates an
  undated start level ``从A…到B`` to review year - 5.

Pinned by tests/report/test_extract_rules.py and test_extract_remaining.py.
"""

from __future__ import annotations

import re

#: a review paragraph about the five years of a term: 过去五年, …的五年, 五年来
FIVE_YEARS_RE = re.compile(r"过去五年|五年来|的五年|这五年|近五年")
#: a part of the year named before a value without a subject (上半年3.2%)
SUBYEAR_RE = re.compile(r"上半年|下半年|前三季度|[一二三四]季度|1-\d{1,2}月")
PERIOD_TAIL_RE = re.compile(r"\((?:上半年|下半年|前三季度|[一二三四]季度|1-\d{1,2}月|全年)\)$")
#: 到2027年…, 2025年底前…: a target clause dated to a later year
TO_YEAR_RE = re.compile(r"(?=[到至2])(?:(?:到|至)(20\d{2})年|(20\d{2})年(?:底|末)前?)")
