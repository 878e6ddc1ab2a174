"""Departmental progress spreadsheets (目标任务完成情况表): reading and templates.

``read_sheet(path) -> SheetResult`` reads one .xlsx/.xls/.ods/.csv file;
``write_template(path, department, targets)`` writes a fill-in template.
"""

from gwr.sheets.model import (
    FileAccessError,
    Reject,
    SheetRecord,
    SheetResult,
    UnreadableFileError,
)
from gwr.sheets.read import read_sheet
from gwr.sheets.safety import DEFAULT_LIMITS, Limits
from gwr.sheets.template import TemplateTarget, write_template

__all__ = [
    "DEFAULT_LIMITS",
    "FileAccessError",
    "Limits",
    "Reject",
    "SheetRecord",
    "SheetResult",
    "TemplateTarget",
    "UnreadableFileError",
    "read_sheet",
    "write_template",
]
