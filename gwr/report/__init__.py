"""Report extraction: targets and actuals from government work reports (政府工作报告).

Public API: :func:`extract_report`, :class:`Report`, :class:`Statement`,
:class:`UndatableReportError`.  See :mod:`gwr.report.extract` for the stages; each
stage module states its rules.
"""

from __future__ import annotations

from .extract import extract_report
from .model import Report, Statement, UndatableReportError

__all__ = ["Report", "Statement", "UndatableReportError", "extract_report"]
