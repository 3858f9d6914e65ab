"""libgovsvc for Python: what must this applicant submit, and by when?

A thin binding over the C library (include/govsvc.h): the same engine, the
same answers, byte for byte::

    import govsvc
    rb = govsvc.load("rules/hlj-fire/rulebook.yaml")
    answer = rb.query("230100-XF-002", {"applicant.type": "enterprise"}, "2026-02-13")
    for m in answer.materials:
        print(m.name, m.status, m.due)
    print(answer.to_json())

Errors raise govsvc.Error subclasses (RulebookError, FactError, QueryError,
CalendarError) that carry the library's diagnostic: code, message, file,
line, column, hint and fact. See docs/python.md.
"""

from ._govsvc import (
    FORMAT_VERSION,
    Answer,
    Bundle,
    Calendar,
    CalendarError,
    Deadline,
    Diagnostic,
    Due,
    Error,
    FactError,
    Item,
    Material,
    QueryError,
    Rulebook,
    RulebookError,
    Special,
    __version__,
    calendar_add,
    format_diagnostic,
    lint,
    load,
    load_calendar,
    version,
)

__all__ = [
    "FORMAT_VERSION",
    "Answer",
    "Bundle",
    "Calendar",
    "CalendarError",
    "Deadline",
    "Diagnostic",
    "Due",
    "Error",
    "FactError",
    "Item",
    "Material",
    "QueryError",
    "Rulebook",
    "RulebookError",
    "Special",
    "__version__",
    "calendar_add",
    "format_diagnostic",
    "lint",
    "load",
    "load_calendar",
    "version",
]
