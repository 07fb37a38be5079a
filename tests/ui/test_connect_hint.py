"""The Connect dialog's Host field shows its hint whole ('db.example.com, or a socket folder such as
/run/postgresql'): the dialog opened narrower than the hint and cut its end."""
from __future__ import annotations

from PySide6.QtWidgets import QStyle, QStyleOptionFrame


def test_the_host_field_shows_its_whole_hint_when_the_dialog_opens(qtbot, qapp):
    from tension_desk.ui.dialogs.connect import ConnectDialog

    dialog = ConnectDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    host = dialog.host
    opt = QStyleOptionFrame()
    host.initStyleOption(opt)
    room = host.style().subElementRect(QStyle.SubElement.SE_LineEditContents, opt, host).width() - 4  # 2 px a side
    assert host.fontMetrics().horizontalAdvance(host.placeholderText()) <= room
