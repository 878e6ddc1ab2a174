"""The typed state of one document while its paragraphs are read in order."""

from __future__ import annotations

from dataclasses import dataclass, field

from .candidates import Candidate


@dataclass(slots=True)
class DocState:
    """What a report's walk knows: the compact text and its year, and what earlier
    paragraphs and sentences left behind for later ones."""

    text: str  # the compact normalized text (offsets are into it)
    report_year: int
    shift: int  # caller's year minus the text's own year (moves every year)
    regions: tuple[str, ...]  # names of the report's own region (dropped from names)
    quoted: list[tuple[int, int]]  # spans inside quotes and book-title marks
    num_starts: list[int]  # runs of number cues of the whole text, found once
    num_ends: list[int]
    cands: list[Candidate] = field(default_factory=list)
    #: the kind of the last sentence with a cue (headingless texts keep it)
    cue_kind: str | None = None
    #: inside a main-targets list that spans bullet paragraphs
    in_list: bool = False
    #: the list's lead-in ended the paragraph before (今年预期目标：)
    list_fresh: bool = False
    #: the last subject, for a value without one (增长6.2%)
    prev_indicator: str = ""
    last_section: str = ""


@dataclass(slots=True)
class ParagraphState:
    """What the sentences of one paragraph share."""

    #: a later year (到2027年…) that the following clauses of the paragraph keep
    to_year: int | None = None
    #: a past year that the ；-items of a plan-part line share (2021年，A…；B…)
    carry_past: int | None = None
    #: inside a sentence listing numeric targets (…6%左右；进出口促稳提质；…)
    num_list: bool = False
    #: the paragraph reviews a five-year term (过去五年, 五年来)
    five_years: bool = False
    #: a plan period its part heading names as a span of time (一、“十一五”时期的回顾)
    heading_plan: tuple[int, int] | None = None
    #: the five years a plan part announces (二、今后五年目标任务)
    heading_future: tuple[int, int] | None = None
    #: the part heading reviews five years (一、过去五年工作回顾)
    heading_five_years: bool = False
    #: the paragraph opens on one past year (刚刚过去的2025年，… / 过去一年，…) inside a
    #: multi-year review: its figures are that year's, not the term's
    one_year: bool = False
    #: a sentence opening with 过去一年/去年 in a plan part: the following sentences
    #: without a target cue are actuals of that year too
    past_run: int | None = None
