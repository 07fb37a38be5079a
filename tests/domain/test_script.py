"""The session script: its steps, the timer on a hand-driven clock, overtime, and the record's wording."""
import dataclasses

import pytest

from tension_desk.domain.script import (
    MeetingTimer,
    Step,
    StepKind,
    check_minutes,
    check_spent,
    countdown_text,
    default_script,
    meeting_time_rows,
    resume_index,
)
from tension_desk.domain.validation import ValidationError


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_the_default_script_is_the_meeting_of_design_md_in_order():
    steps = default_script()
    assert [s.title for s in steps] == ["Review carried-over items", "Blind scores", "Reveal", "Top disagreements",
                                        "Decide", "Capacity check", "Record"]
    assert [s.minutes for s in steps] == [5, 10, 2, 15, 15, 5, 3]
    assert sum(s.minutes for s in steps) < 60  # one hour a month, with room to spare
    assert all(s.spent_seconds == 0 for s in steps)


def test_each_step_brings_up_the_view_that_serves_it():
    views = {k: k.view for k in StepKind}
    assert views[StepKind.CARRIED] == "decisions"
    assert views[StepKind.BLIND] == views[StepKind.REVEAL] == views[StepKind.DISAGREEMENTS] == "matrix"
    assert views[StepKind.DECIDE] == "decisions"
    assert views[StepKind.CAPACITY] == "capacity"
    assert views[StepKind.RECORD] == "notes"


def test_the_countdown_runs_only_while_the_timer_runs():
    clock = FakeClock()
    timer = MeetingTimer(default_script(), clock)
    assert timer.countdown() == "05:00 left"
    clock.advance(30)
    assert timer.countdown() == "05:00 left"  # not started
    assert not timer.running
    timer.start()
    assert timer.running
    clock.advance(72.4)
    assert timer.countdown() == "03:48 left"
    timer.pause()
    assert not timer.running
    clock.advance(600)
    assert timer.countdown() == "03:48 left"
    timer.start()
    clock.advance(0.6)
    assert timer.remaining() == pytest.approx(300 - 73)


def test_overtime_is_shown_with_a_sign_and_in_words():
    clock = FakeClock()
    timer = MeetingTimer(default_script(), clock)
    timer.start()
    clock.advance(300)
    assert timer.countdown() == "00:00 left"
    assert timer.overtime() == 0
    clock.advance(133)
    assert timer.countdown() == "+02:13 over"
    assert timer.overtime() == pytest.approx(133)
    clock.advance(3600)
    assert timer.countdown() == "+1:02:13 over"


def test_next_step_gives_the_time_so_far_to_the_step_left_and_keeps_running():
    clock = FakeClock()
    timer = MeetingTimer(default_script(), clock)
    timer.start()
    clock.advance(200)
    assert timer.next() is True
    assert timer.step.kind is StepKind.BLIND
    clock.advance(45)
    timer.go_to(0)  # back to the carried-over items for a moment
    clock.advance(10)
    assert timer.spent() == {**{k: 0 for k in StepKind}, StepKind.CARRIED: 210, StepKind.BLIND: 45}
    assert timer.countdown() == "01:30 left"


def test_the_last_step_stays_current_and_keeps_counting():
    clock = FakeClock()
    timer = MeetingTimer(default_script(), clock, current=6)
    timer.start()
    assert timer.next() is False
    clock.advance(200)
    assert timer.step.kind is StepKind.RECORD
    assert timer.countdown() == "+00:20 over"
    with pytest.raises(IndexError, match="there is no step 8"):
        timer.go_to(7)


def test_stored_time_spent_carries_on_and_the_meeting_resumes_at_the_last_step_worked_on():
    steps = [Step(k, k.default_minutes, spent) for k, spent in zip(StepKind, (310, 600, 95, 0, 0, 0, 0), strict=True)]
    assert resume_index(steps) == 2
    assert resume_index(default_script()) == 0
    clock = FakeClock()
    timer = MeetingTimer(steps, clock)
    assert timer.step.kind is StepKind.REVEAL
    assert timer.countdown() == "00:25 left"
    timer.start()
    clock.advance(40)
    assert timer.countdown() == "+00:15 over"
    assert timer.spent()[StepKind.REVEAL] == 135


def test_a_changed_time_box_keeps_the_time_spent():
    clock = FakeClock()
    timer = MeetingTimer(default_script(), clock)
    timer.start()
    clock.advance(400)
    assert timer.countdown() == "+01:40 over"
    timer.set_minutes(0, 8)
    assert timer.countdown() == "01:20 left"


def test_countdown_wording_at_the_edges():
    assert countdown_text(0.2) == "00:01 left"  # a fraction of a second left is not yet over
    assert countdown_text(-0.4) == "+00:00 over"
    assert countdown_text(3600) == "1:00:00 left"


def test_time_boxes_and_time_spent_are_checked_with_the_step_named():
    assert check_minutes(StepKind.REVEAL, 1) == 1
    assert check_minutes(StepKind.REVEAL, 240) == 240
    for bad in (0, 241, 2.5, True, "5"):
        with pytest.raises(ValidationError, match="the time box of “Reveal” must be a whole number of minutes "
                                                  "from 1 to 240"):
            check_minutes(StepKind.REVEAL, bad)
    with pytest.raises(ValidationError, match="the time spent on “Decide” must be whole seconds"):
        check_spent(StepKind.DECIDE, -1)


def test_the_record_table_says_planned_against_spent_per_step_and_in_total():
    steps = [Step(k, k.default_minutes, spent) for k, spent in zip(StepKind, (433, 600, 60, 900, 0, 0, 0), strict=True)]
    rows = meeting_time_rows(steps)
    assert rows[0] == ("Review carried-over items", "5 min", "07:13", "+02:13 over")
    assert rows[1] == ("Blind scores", "10 min", "10:00", "on time")
    assert rows[2] == ("Reveal", "2 min", "01:00", "01:00 under")
    assert rows[-1] == ("Total", "55 min", "33:13", "21:47 under")


def test_time_spent_from_none_to_a_whole_week_is_stored_and_a_second_more_or_a_fraction_is_refused():
    assert check_spent(StepKind.DECIDE, 0) == 0
    assert check_spent(StepKind.DECIDE, 604_800) == 604_800
    for bad in (604_801, -1, 1.5, True, "60"):
        with pytest.raises(ValidationError, match=r"^the time spent on “Decide” must be whole seconds from 0 to "
                                                  r"604800 \(not "):
            check_spent(StepKind.DECIDE, bad)


def test_a_timer_left_running_for_more_than_a_week_stores_a_week():
    clock = FakeClock()
    timer = MeetingTimer([Step(StepKind.DECIDE, 15)], clock)
    timer.start()
    clock.advance(604_800.9)
    assert timer.spent() == {StepKind.DECIDE: 604_800}
    clock.advance(10)
    assert timer.spent() == {StepKind.DECIDE: 604_800}


def test_one_second_past_the_time_box_is_over_and_exactly_on_it_is_on_time():
    assert meeting_time_rows([Step(StepKind.REVEAL, 2, 121)])[0][3] == "+00:01 over"
    assert meeting_time_rows([Step(StepKind.REVEAL, 2, 120)])[0][3] == "on time"
    assert meeting_time_rows([Step(StepKind.REVEAL, 2, 119)])[0][3] == "00:01 under"


def test_moving_on_at_once_or_pausing_at_once_adds_no_time_and_a_clock_going_back_never_takes_any():
    clock = FakeClock()
    timer = MeetingTimer(default_script(), clock)
    timer.start()
    timer.next()
    timer.pause()
    timer.start()
    clock.advance(-5)
    timer.pause()
    assert timer.spent()[StepKind.CARRIED] == 0
    assert timer.spent()[StepKind.BLIND] == 0


def test_the_step_list_shows_each_step_with_its_time_spent_so_far():
    clock = FakeClock()
    timer = MeetingTimer([Step(StepKind.BLIND, 10, 60), Step(StepKind.REVEAL, 2)], clock, current=1)
    timer.start()
    clock.advance(42)
    assert timer.with_spent() == [Step(StepKind.BLIND, 10, 60), Step(StepKind.REVEAL, 2, 42)]


def test_a_step_is_an_immutable_value():
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'minutes'"):
        setattr(Step(StepKind.DECIDE, 15), dataclasses.fields(Step)[1].name, 20)
