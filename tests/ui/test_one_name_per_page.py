"""The workspace pages are called the same everywhere: the View menu, the sidebar button and the page's own title
('Capacity and outcomes' in the menu, 'Capacity & outcomes' on the button and the page)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel


def _shown(text: str) -> str:
    """A label as drawn: '&&' is a literal '&', a lone '&' marks the mnemonic."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def test_the_menu_the_sidebar_and_the_page_name_the_workspace_pages_alike(make_window):
    w = make_window()
    w.review_action.trigger()
    title = w.review_view.findChild(QLabel, "session_title")
    assert _shown(w.review_action.text()) == _shown(w.review_button.text()) == title.text()
    assert _shown(w.log_action.text()) == _shown(w.log_button.text())
