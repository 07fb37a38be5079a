"""The session script of DESIGN.md: the meeting as steps, each with a time box, and a timer that keeps time.

Pure Python: the timer reads an injected clock (seconds, e.g. ``time.monotonic``), so tests drive it by hand.
Time spent is whole seconds per step; a time box is whole minutes.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from tension_desk.domain import limits
from tension_desk.domain.model import StrEnum
from tension_desk.domain.validation import ValidationError


class StepKind(StrEnum):
    CARRIED = "carried"
    BLIND = "blind"
    REVEAL = "reveal"
    DISAGREEMENTS = "disagreements"
    DECIDE = "decide"
    CAPACITY = "capacity"
    RECORD = "record"

    @property
    def label(self) -> str:  # not ``title``: that is str's own method
        return _STEPS[self][0]

    @property
    def default_minutes(self) -> int:
        return _STEPS[self][1]

    @property
    def view(self) -> str:
        """The session view's tab that serves this step."""
        return _STEPS[self][2]


# kind: (title, default time box in minutes, the view that serves it); the meeting's order is the enum's.
_STEPS = {
    StepKind.CARRIED: ("Review carried-over items", 5, "decisions"),
    StepKind.BLIND: ("Blind scores", 10, "matrix"),
    StepKind.REVEAL: ("Reveal", 2, "matrix"),
    StepKind.DISAGREEMENTS: ("Top disagreements", 15, "matrix"),
    StepKind.DECIDE: ("Decide", 15, "decisions"),
    StepKind.CAPACITY: ("Capacity check", 5, "capacity"),
    StepKind.RECORD: ("Record", 3, "notes"),
}


@dataclass(frozen=True)
class Step:
    kind: StepKind
    minutes: int  # the time box
    spent_seconds: int = 0

    @property
    def title(self) -> str:
        return self.kind.label


def default_script() -> list[Step]:
    return [Step(kind, kind.default_minutes) for kind in StepKind]


def check_minutes(kind: StepKind, minutes: object) -> int:
    """A time box as stored, or ValidationError naming the step and the range."""
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= limits.STEP_MINUTES:
        raise ValidationError([f"the time box of “{kind.label}” must be a whole number of minutes from 1 to "
                               f"{limits.STEP_MINUTES} (not {minutes!r})"])
    return minutes


def check_spent(kind: StepKind, seconds: object) -> int:
    if isinstance(seconds, bool) or not isinstance(seconds, int) or not 0 <= seconds <= limits.STEP_SPENT_SECONDS:
        raise ValidationError([f"the time spent on “{kind.label}” must be whole seconds from 0 to "
                               f"{limits.STEP_SPENT_SECONDS} (not {seconds!r})"])
    return seconds


def resume_index(steps: Sequence[Step]) -> int:
    """Where a reopened meeting picks up: the last step that has time spent (the first if none has)."""
    return max((i for i, s in enumerate(steps) if s.spent_seconds), default=0)


# -- wording ------------------------------------------------------------------------------------------------
def clock_text(seconds: float) -> str:
    """``04:12``, ``1:02:05``: whole seconds, rounded down."""
    whole = int(seconds)
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


def countdown_text(remaining: float) -> str:
    """What the timer shows: ``04:12 left``, or once the time box is used up ``+02:13 over`` (a sign and a
    word, never colour alone). Overtime counts whole seconds past the box."""
    if remaining >= 0:
        return f"{clock_text(math.ceil(remaining))} left"
    return f"+{clock_text(-remaining)} over"


def difference_text(step: Step) -> str:
    """A step's time spent against its box, for the record: ``+02:13 over``, ``03:00 under`` or ``on time``."""
    diff = step.spent_seconds - step.minutes * 60
    if diff > 0:
        return f"+{clock_text(diff)} over"
    if diff < 0:
        return f"{clock_text(-diff)} under"
    return "on time"


MEETING_TIME_HEADER = ("Step", "Planned", "Spent", "Difference")


def meeting_time_rows(steps: Sequence[Step]) -> list[tuple[str, str, str, str]]:
    """The "Meeting time" table of the session record: planned against spent per step, then the total."""
    rows = [(s.title, f"{s.minutes} min", clock_text(s.spent_seconds), difference_text(s)) for s in steps]
    total = Step(StepKind.RECORD, sum(s.minutes for s in steps), sum(s.spent_seconds for s in steps))
    rows.append(("Total", f"{total.minutes} min", clock_text(total.spent_seconds), difference_text(total)))
    return rows


# -- the timer ----------------------------------------------------------------------------------------------
class MeetingTimer:
    """The running meeting: which step is on, whether the clock runs, and the time spent per step.

    Time spent is what was stored plus what the clock measured since; ``spent()`` gives every step's whole
    seconds, ready to store. Only the current step accrues time, and only while running.
    """

    def __init__(self, steps: Sequence[Step], clock: Callable[[], float], current: int | None = None):
        if not steps:
            raise ValueError("a meeting script needs at least one step")
        self.clock = clock
        self.steps = list(steps)
        self.current = resume_index(self.steps) if current is None else current
        self._since: float | None = None  # clock reading when the current stretch began (None: paused)
        self._banked = [float(s.spent_seconds) for s in self.steps]

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def step(self) -> Step:
        return self.steps[self.current]

    @property
    def is_last(self) -> bool:
        return self.current == len(self.steps) - 1

    def start(self) -> None:
        if self._since is None:
            self._since = self.clock()

    def pause(self) -> None:
        self._bank()
        self._since = None

    def _bank(self) -> None:
        if self._since is not None:
            now = self.clock()
            self._banked[self.current] += max(0.0, now - self._since)
            self._since = now

    def go_to(self, index: int) -> None:
        """Make ``index`` the current step; the time so far goes to the step being left, the clock keeps
        running (or stays paused)."""
        if not 0 <= index < len(self.steps):
            raise IndexError(f"there is no step {index + 1} (the script has {len(self.steps)})")
        self._bank()
        self.current = index

    def next(self) -> bool:
        """On to the next step (False on the last one, which then stays current)."""
        if self.is_last:
            return False
        self.go_to(self.current + 1)
        return True

    def seconds_spent(self, index: int | None = None) -> float:
        i = self.current if index is None else index
        live = self.clock() - self._since if (self._since is not None and i == self.current) else 0.0
        return self._banked[i] + max(0.0, live)

    def remaining(self, index: int | None = None) -> float:
        """Seconds left in the step's time box; negative once it runs over."""
        i = self.current if index is None else index
        return self.steps[i].minutes * 60 - self.seconds_spent(i)

    def overtime(self, index: int | None = None) -> float:
        """Seconds past the time box (0 within it)."""
        return max(0.0, -self.remaining(index))

    def countdown(self) -> str:
        return countdown_text(self.remaining())

    def set_minutes(self, index: int, minutes: int) -> None:
        """The time box changed (an edit elsewhere): keeps the time spent."""
        self.steps[index] = replace(self.steps[index], minutes=minutes)

    def spent(self) -> dict[StepKind, int]:
        """Whole seconds spent per step, as they are stored."""
        return {s.kind: min(int(self.seconds_spent(i)), limits.STEP_SPENT_SECONDS) for i, s in enumerate(self.steps)}

    def with_spent(self) -> list[Step]:
        """The steps with their time spent so far (for the step list)."""
        spent = self.spent()
        return [replace(s, spent_seconds=spent[s.kind]) for s in self.steps]
