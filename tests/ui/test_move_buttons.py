"""The Priorities tab's move-up and move-down buttons are arrows, not ▲ and ▼: under the product leader's list a
'▲' button looked like the engineering leader's marker (the triangle that heads the other list)."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton

from tension_desk.domain.model import Side
from tension_desk.services.sample import add_sample
from tension_desk.ui.widgets.session_view import Tab


def test_no_button_of_a_side_s_list_shows_a_side_marker(make_window, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    november = add_sample(desk)[-1]
    w = make_window()
    w.select_session(november)
    w.session_view.show_tab(Tab.PRIORITIES)
    page = w.session_view.pages[Tab.PRIORITIES]
    buttons = [b for b in page.findChildren(QAbstractButton) if b.isVisibleTo(page) and b.text()]
    assert len(buttons) >= 10  # add, edit, delete, up, down under each list
    markers = {side.marker for side in Side}
    assert [b.text() for b in buttons if markers & set(b.text())] == []
