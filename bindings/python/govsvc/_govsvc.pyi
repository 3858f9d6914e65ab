"""Type stubs for govsvc._govsvc, the C extension behind the govsvc package."""

import datetime
import os
from typing import (
    Any,
    Final,
    Iterable,
    Literal,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    TypeAlias,
    Union,
    final,
)

from _typeshed import structseq

__version__: Final[str]
FORMAT_VERSION: Final[int]

_FactValue: TypeAlias = Union[bool, int, float, str, datetime.date, None]
_DateLike: TypeAlias = Union[datetime.date, str]
_StrPath: TypeAlias = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]
_Status: TypeAlias = Literal["shared", "commitment", "deferred", "required", "conditional"]
_Form: TypeAlias = Literal["original", "copy", "electronic"]
_Source: TypeAlias = Literal["applicant", "government", "third_party"]
_FactType: TypeAlias = Literal["bool", "int", "number", "string", "enum", "date"]
_Severity: TypeAlias = Literal["error", "warning", "note"]

@final
class Item(structseq[str], Tuple[str, str]):
    __match_args__: Final = ("code", "name")
    """A service item: Item(code, name)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...

@final
class Bundle(structseq[Any], Tuple[str, str, Tuple[Item, ...]]):
    """A bundle of items (一件事一次办): Bundle(code, name, items)."""

    __match_args__: Final = ("code", "name", "items")
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def items(self) -> Tuple[Item, ...]: ...

@final
class Material(
    structseq[Any],
    Tuple[
        str,
        str,
        _Status,
        Optional[datetime.date],
        Optional[datetime.date],
        Optional[str],
        Optional[int],
        Tuple[_Form, ...],
        Optional[_Source],
        Optional[Tuple[str, ...]],
    ],
):
    __match_args__: Final = (
        "id",
        "name",
        "status",
        "due",
        "verify_due",
        "condition",
        "copies",
        "form",
        "source",
        "items",
    )
    """One material of an answer, with its status and what goes with it."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def status(self) -> _Status: ...
    @property
    def due(self) -> Optional[datetime.date]: ...
    @property
    def verify_due(self) -> Optional[datetime.date]: ...
    @property
    def condition(self) -> Optional[str]: ...
    @property
    def copies(self) -> Optional[int]: ...
    @property
    def form(self) -> Tuple[_Form, ...]: ...
    @property
    def source(self) -> Optional[_Source]: ...
    @property
    def items(self) -> Optional[Tuple[str, ...]]: ...

@final
class Due(structseq[Any], Tuple[str, datetime.date]):
    __match_args__: Final = ("duration", "due")
    """A time limit and the date it ends: Due(duration, due)."""

    @property
    def duration(self) -> str: ...
    @property
    def due(self) -> datetime.date: ...

@final
class Special(structseq[str], Tuple[str, str]):
    __match_args__: Final = ("name", "max")
    """A special step (特殊环节): Special(name, max)."""

    @property
    def name(self) -> str: ...
    @property
    def max(self) -> str: ...

@final
class Deadline(
    structseq[Any], Tuple[Optional[Due], Optional[Due], Tuple[Special, ...], Optional[str]]
):
    __match_args__: Final = ("promised", "statutory", "special", "condition")
    """An answer's time limits."""

    @property
    def promised(self) -> Optional[Due]: ...
    @property
    def statutory(self) -> Optional[Due]: ...
    @property
    def special(self) -> Tuple[Special, ...]: ...
    @property
    def condition(self) -> Optional[str]: ...

@final
class Diagnostic(
    structseq[Any],
    Tuple[
        _Severity,
        str,
        str,
        Optional[str],
        Optional[int],
        Optional[int],
        Optional[str],
        Optional[str],
    ],
):
    __match_args__: Final = (
        "severity", "code", "message", "file", "line", "column", "hint", "fact"
    )
    """A diagnostic from the library."""

    @property
    def severity(self) -> _Severity: ...
    @property
    def code(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def file(self) -> Optional[str]: ...
    @property
    def line(self) -> Optional[int]: ...
    @property
    def column(self) -> Optional[int]: ...
    @property
    def hint(self) -> Optional[str]: ...
    @property
    def fact(self) -> Optional[str]: ...

class Error(Exception):
    """Base of every libgovsvc error; carries the first error's fields."""

    code: Optional[str]
    message: Optional[str]
    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    hint: Optional[str]
    fact: Optional[str]
    diagnostics: Optional[list[Diagnostic]]

class RulebookError(Error):
    """A rulebook or calendar file cannot be loaded."""

class FactError(Error, ValueError):
    """A fact is undeclared or its value is not valid for it."""

class QueryError(Error):
    """A query cannot be answered (no such item, a bad date, ...)."""

class CalendarError(Error, ValueError):
    """Working-day arithmetic failed."""

@final
class Calendar:
    """A working-day calendar; immutable."""

    @property
    def id(self) -> str: ...
    @property
    def covers(self) -> Tuple[datetime.date, datetime.date]: ...
    def add(self, start: _DateLike, duration: str) -> datetime.date:
        """The day on which `duration` counted from `start` ends."""
    def is_working_day(self, date: _DateLike, /) -> bool:
        """True on a working day, False on a day off."""

@final
class Answer:
    """An answer to Rulebook.query(); immutable."""

    @property
    def rulebook(self) -> Rulebook: ...
    @property
    def item(self) -> Optional[Item]: ...
    @property
    def bundle(self) -> Optional[Bundle]: ...
    @property
    def parts(self) -> Tuple[Answer, ...]: ...
    @property
    def date(self) -> datetime.date: ...
    @property
    def materials(self) -> Tuple[Material, ...]: ...
    @property
    def deadline(self) -> Deadline: ...
    @property
    def ask(self) -> Tuple[str, ...]: ...
    def to_json(self) -> str:
        """The answer as govsvc.answer/1 JSON, as `govsvc query --format json` prints it."""
    def to_text(self) -> str:
        """The printable one-time notice (一次性告知单)."""

@final
class Rulebook:
    """A loaded, compiled rulebook; immutable and safe to share across threads."""

    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def title(self) -> Optional[str]: ...
    @property
    def digest(self) -> str: ...
    @property
    def effective(self) -> Optional[datetime.date]: ...
    @property
    def items(self) -> Tuple[Item, ...]: ...
    @property
    def facts(self) -> dict[str, _FactType]: ...
    @property
    def calendar(self) -> Optional[Calendar]: ...
    def query(
        self,
        item: str,
        facts: Optional[Mapping[str, _FactValue]] = None,
        date: Optional[_DateLike] = None,
        *,
        explain: bool = False,
    ) -> Answer:
        """Answers for one service item."""
    def query_bundle(
        self,
        bundle: str,
        facts: Optional[Mapping[str, _FactValue]] = None,
        date: Optional[_DateLike] = None,
        *,
        explain: bool = False,
    ) -> Answer:
        """Answers for a bundle of items (一件事一次办)."""

def load(path: _StrPath, *, limits: Optional[Mapping[str, int]] = None) -> Rulebook:
    """Loads and compiles a rulebook."""

def load_calendar(path: _StrPath, *, limits: Optional[Mapping[str, int]] = None) -> Calendar:
    """Loads a calendar file."""

def calendar_add(
    calendar: Union[Calendar, Rulebook, _StrPath], start: _DateLike, duration: str
) -> datetime.date:
    """The day on which `duration` counted from `start` ends."""

def format_diagnostic(diagnostic: Diagnostic, /, *, source: bool = False) -> str:
    """A diagnostic the compiler way."""

def lint(
    path: Union[_StrPath, Sequence[_StrPath]],
    *,
    werror: bool = False,
    skip: Optional[Iterable[str]] = None,
    limits: Optional[Mapping[str, int]] = None,
) -> list[Diagnostic]:
    """Every diagnostic of the rulebooks at `path`, as `govsvc lint` finds them."""

def version() -> str:
    """The C library's version."""
