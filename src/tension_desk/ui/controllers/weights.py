"""The Weights tab: the agreed and each leader's weights, and the ranking under each lens."""
from __future__ import annotations

from typing import TYPE_CHECKING

from tension_desk.domain.model import Side
from tension_desk.domain.scoring import lens_rankings
from tension_desk.ui import commands as cmd
from tension_desk.ui.closed import is_closed
from tension_desk.ui.context import Context
from tension_desk.ui.controllers.base import SessionHost, TabController
from tension_desk.ui.models.matrix import MatrixModel
from tension_desk.ui.widgets.weights_view import WeightsView

if TYPE_CHECKING:
    from tension_desk.services.types import SessionSnapshot


class WeightsController(TabController):
    def __init__(self, ctx: Context, host: SessionHost, view: WeightsView):
        super().__init__(ctx, host)
        self.view = view
        view.weight_requested.connect(self.set_weight)
        self._criteria: dict[int, str] = {}
        self._seen: dict[int, int] = {}  # the version of each criterion's weights as shown

    def reload(self, model: MatrixModel, top_n: int, snap: SessionSnapshot | None = None) -> None:
        """From the matrix as shown: rankings only after the reveal; agreed weights fixed once closed. The
        leaders' weights and the scores from ``snap`` when the matrix was just loaded from it."""
        if self.session is None:
            return
        sid = self.session.id
        criteria = model.criteria()
        self._criteria = {c.id: c.name for c in criteria}
        self._seen = {c.id: c.version for c in criteria}
        lenses = snap.lens_weights if snap else self.ctx.desk.scoring.lens_weights(sid)
        ranks = None
        if model.revealed:  # the agreed lens is the official ranking: the matrix's own
            scores = snap.scores if snap else self.ctx.desk.scoring.scores(sid)
            ranks = {"agreed": {r.priority_id: r.rank for r in model.results()},
                     **lens_rankings([p.id for p in model.priorities()], criteria, scores, {
                         "product": lenses[Side.PRODUCT], "engineering": lenses[Side.ENGINEERING]})}
        editable = not is_closed(self.session)
        self.view.load(criteria, lenses, editable, model.priorities(), ranks, top_n)

    def set_weight(self, criterion_id: int, weight: float, lens: Side | None) -> None:
        """The agreed weight (``lens`` None) or one leader's own weight of one criterion."""
        if self.session is None:
            return
        name = self._criteria.get(criterion_id, "criterion")
        who = "agreed" if lens is None else f"{Side(lens).label}'s"
        done = self.run(cmd.SetSessionWeight, self.session.id, criterion_id, weight, lens,
                        f"Set the {who} weight of {name} to {weight:g}", self._seen.get(criterion_id))
        if done is not None and done.seen is not None:
            self._seen[criterion_id] = done.seen  # the next step of the same box edits what this one wrote
