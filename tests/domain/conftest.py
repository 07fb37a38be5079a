"""Hypothesis profiles for the domain's property tests: ``ci`` (the default, fast) and ``mutation`` (deeper,
reproducible, used by ``make mutation`` through TENSION_DESK_HYPOTHESIS_PROFILE)."""
import os

from hypothesis import settings

settings.register_profile("ci", max_examples=100)
settings.register_profile("mutation", max_examples=200, derandomize=True, database=None, deadline=None)
settings.load_profile(os.environ.get("TENSION_DESK_HYPOTHESIS_PROFILE", "ci"))
