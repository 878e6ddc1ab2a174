"""Departments (责任单位/牵头单位/填报单位): canonical names, stable ids, English names and
the precedence used when several departments report one indicator for one period.

A department name as written is ``<place or level prefix><function>``: 市统计局,
巴中市统计局, 南江县农业农村局, 统计局. `data/reference/departments.csv` lists the
*functions* (统计局, 经信局 …) with their aliases; the prefix gives the level:

* ``department_key(name)``  -> the function id (``stats``, ``econ_info`` …), or
  ``dept_<sha1(function name)[:10]>`` for a function not in the catalog;
* ``department_id(name)``   -> ``<level>_<function id>`` when a level can be read from the
  prefix (``nat``/``prov``/``city``/``county``: 巴中市统计局 and 市统计局 -> ``city_stats``,
  南江县统计局 and 巴州区统计局 -> ``county_stats``), the bare function id otherwise
  (统计局 -> ``stats``). The place name itself is not part of the id: the region of a
  value travels in its own column, so 市统计局 in a Bazhong sheet and 巴中市统计局 are
  one department, not two;
* ``precedence(name, lead_for=None)`` -> 1 for the statistics bureau, 2 when the
  department is a lead department of the indicator given, else the catalog's value
  (3 for government departments, 4 for other bodies), 9 when unknown.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from gwr.numbers import halfwidth

REPO_ROOT = Path(__file__).resolve().parents[1]
UNKNOWN_PRECEDENCE = 9
LEAD_PRECEDENCE = 2

_LABEL = re.compile(
    r"^(?:填报单位|报送单位|责任单位|牵头单位|主管单位|单位名称|单位|部门|填报部门)\s*[:：]?\s*"
)
_TRAIL = re.compile(r"[(（]\s*(?:盖章|章|签章|公章|印章)\s*[)）]")
_BLANKS = re.compile(r"[\s\u3000]+")
_EDGE = re.compile(r"^[\s:：,，;；、.。\-—_]+|[\s:：,，;；、.。\-—_]+$")

# Last characters of a prefix that say which level it is.
_LEVEL_SUFFIX = (
    ("自治区", "prov"), ("省", "prov"), ("自治州", "city"), ("州", "city"), ("盟", "city"),
    ("地区", "city"), ("市", "city"), ("县", "county"), ("区", "county"), ("旗", "county"),
)  # fmt: skip
_NATIONAL = ("国家", "国务院", "中央", "全国")


def default_departments_path() -> Path:
    base = os.environ.get("GWR_REFERENCE")
    return (Path(base) if base else REPO_ROOT / "data" / "reference") / "departments.csv"


def canonical_department(raw: str) -> str:
    """The department as written, cleaned: no 填报单位： label, no （盖章）, no blanks,
    half-width; the level prefix is kept (市农业农村局 stays 市农业农村局)."""
    s = halfwidth(unicodedata.normalize("NFKC", raw or ""))
    s = _BLANKS.sub("", s)
    s = _LABEL.sub("", s)
    s = _TRAIL.sub("", s)
    s = _EDGE.sub("", s)
    return s


@dataclass(frozen=True)
class Department:
    department_id: str  # the function id, e.g. stats
    name_zh: str
    name_en: str
    aliases: tuple[str, ...]
    precedence: int


@dataclass(frozen=True)
class ParsedDepartment:
    name: str  # canonical name as written
    prefix: str  # place/level prefix, e.g. 巴中市
    function: str  # the rest, e.g. 统计局
    level: str | None  # nat | prov | city | county | None
    department: Department | None  # catalog entry of the function


def _level_of(prefix: str) -> str | None:
    if not prefix:
        return None
    if prefix.startswith(_NATIONAL):
        return "nat"
    for suffix, level in _LEVEL_SUFFIX:
        if prefix.endswith(suffix):
            return level
    return None


@dataclass
class DepartmentCatalog:
    departments: tuple[Department, ...]
    path: Path | None = None
    _by_id: dict[str, Department] = field(default_factory=dict, repr=False)
    _by_alias: dict[str, Department] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for d in self.departments:
            if d.department_id in self._by_id:
                raise ValueError(f"duplicate department_id {d.department_id}")
            self._by_id[d.department_id] = d
            for name in (d.name_zh, *d.aliases):
                key = canonical_department(name)
                owner = self._by_alias.setdefault(key, d)
                if owner.department_id != d.department_id:
                    raise ValueError(
                        f"alias {name!r} belongs to {owner.department_id} and {d.department_id}"
                    )
        self._suffixes = sorted(self._by_alias, key=len, reverse=True)

    @classmethod
    def load(cls, path: Path | str | None = None) -> DepartmentCatalog:
        p = Path(path) if path is not None else default_departments_path()
        with p.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        deps = []
        for row in rows:
            did = row["department_id"].strip()
            if not re.match(r"^[a-z][a-z0-9_]*$", did):
                raise ValueError(f"department_id {did!r} is not snake_case ASCII")
            deps.append(
                Department(
                    department_id=did,
                    name_zh=row["name_zh"].strip(),
                    name_en=row["name_en"].strip(),
                    aliases=tuple(
                        a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()
                    ),
                    precedence=int(row["precedence"]),
                )
            )
        return cls(tuple(deps), path=p)

    def __len__(self) -> int:
        return len(self.departments)

    def __iter__(self) -> Iterator[Department]:
        return iter(self.departments)

    def get(self, department_id: str) -> Department | None:
        return self._by_id.get(department_id)

    # parsing -----------------------------------------------------------------------

    def parse(self, raw: str) -> ParsedDepartment:
        """Split a name into prefix and function: the longest catalog alias that ends
        the name is the function, what precedes it the prefix (市市场监管局 -> 市 +
        市场监管局; 市场监管局 -> '' + 市场监管局)."""
        name = canonical_department(raw)
        for variant in _spellings(name):
            for alias in self._suffixes:
                if variant.endswith(alias):
                    prefix = variant[: len(variant) - len(alias)]
                    level = _level_of(prefix)
                    if prefix and level is None and not _plausible_place(prefix):
                        continue
                    return ParsedDepartment(name, prefix, alias, level, self._by_alias[alias])
        return ParsedDepartment(name, "", name, None, None)

    def key(self, raw: str) -> str:
        p = self.parse(raw)
        if p.department is not None:
            return p.department.department_id
        return "dept_" + hashlib.sha1(p.function.encode("utf-8")).hexdigest()[:10]

    def department_id(self, raw: str) -> str:
        p = self.parse(raw)
        key = self.key(raw)
        return f"{p.level}_{key}" if p.level and p.department is not None else key

    def name_en(self, raw: str) -> str | None:
        p = self.parse(raw)
        if p.department is None:
            return None
        level_en = {
            "nat": "National", "prov": "Provincial", "city": "Municipal", "county": "County",
        }.get(p.level or "")  # fmt: skip
        return f"{level_en} {p.department.name_en}" if level_en else p.department.name_en

    def precedence(self, raw: str, lead_for: Iterable[str] | None = None) -> int:
        """1 = statistics bureau; 2 = a lead department named in `lead_for` (e.g. an
        indicator's `departments`); then the catalog precedence; 9 when unknown."""
        p = self.parse(raw)
        if p.department is None:
            return UNKNOWN_PRECEDENCE
        base = p.department.precedence
        if base == 1:
            return 1
        if lead_for is not None:
            leads = {self.key(x) for x in lead_for}
            if p.department.department_id in leads:
                return min(base, LEAD_PRECEDENCE)
        return base

    def describe(self, raw: str) -> dict[str, object]:
        """A `raw.departments` row: department_id, name_zh (as written, canonical),
        name_en, function_id, precedence."""
        p = self.parse(raw)
        return {
            "department_id": self.department_id(raw),
            "name_zh": p.name,
            "name_en": self.name_en(raw),
            "function_id": self.key(raw),
            "precedence": self.precedence(raw),
        }


def _spellings(name: str) -> list[str]:
    """The name, then common respellings of a function name: 委员会 <-> 委, without 和
    (卫生和健康委员会 / 卫生健康委), 管理局 -> 局."""
    out = [name]
    for old, new in (("委员会", "委"), ("和", ""), ("管理局", "局"), ("委", "委员会")):
        for base in list(out):
            if old not in base or (old == "委" and "委员会" in base):
                continue
            alt = base.replace(old, new)
            if alt not in out:
                out.append(alt)
    return out


def _plausible_place(prefix: str) -> bool:
    """A prefix without a level word may still be a place or body: 巴中经开区 ends in
    区 (handled), but 巴中 alone or 经开 is accepted only when it is CJK text."""
    return all("\u4e00" <= ch <= "\u9fff" for ch in prefix)


@lru_cache(maxsize=4)
def _default(path: str, mtime_ns: int) -> DepartmentCatalog:
    return DepartmentCatalog.load(Path(path))


def _catalog() -> DepartmentCatalog:
    """The default catalog, reloaded when the file (or `GWR_REFERENCE`) changes."""
    path = default_departments_path()
    return _default(str(path), path.stat().st_mtime_ns)


def department_key(name: str) -> str:
    """The function id: 市统计局 / 县统计局 / 统计局 -> ``stats``."""
    return _catalog().key(name)


def department_id(name: str) -> str:
    """Deterministic id: ``city_stats`` for 市统计局 or 巴中市统计局, ``stats`` for
    统计局, ``dept_<sha1[:10]>`` for a function the catalog does not know."""
    return _catalog().department_id(name)


def name_en(name: str) -> str | None:
    return _catalog().name_en(name)


def precedence(name: str, lead_for: Iterable[str] | None = None) -> int:
    return _catalog().precedence(name, lead_for)
