"""What the window shows when no session is open: the two ways to begin."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

TEXT_WIDTH = 640  # the first-launch line (product leader … engineering leader.) whole on one line


class WelcomePage(QWidget):
    new_session_requested = Signal()
    sample_requested = Signal()
    leaders_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        title = QLabel("Tension Desk")
        title.setObjectName("welcome_title")
        self.text = QLabel()
        self.text.setObjectName("welcome_text")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setFixedWidth(TEXT_WIDTH)  # a centred column of text; its height follows its lines
        self.new_button = QPushButton("New session")
        self.new_button.setObjectName("welcome_new")
        self.new_button.setDefault(True)
        self.sample_button = QPushButton("Open the sample session")
        self.sample_button.setObjectName("welcome_sample")
        self.leaders_button = QPushButton("Set the two leaders…")
        self.leaders_button.setObjectName("welcome_leaders")
        self.new_button.clicked.connect(self.new_session_requested)
        self.sample_button.clicked.connect(self.sample_requested)
        self.leaders_button.clicked.connect(self.leaders_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for w in (title, self.text):
            layout.addWidget(w, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(16)
        for b in (self.new_button, self.sample_button, self.leaders_button):
            b.setMinimumWidth(280)
            layout.addWidget(b, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self.set_state(has_leaders=False, has_sessions=False)

    def set_state(self, has_leaders: bool, has_sessions: bool) -> None:
        if not has_leaders:
            self.text.setText("The monthly roadmap tension session for a product leader and an engineering leader.\n"
                              "Start by naming the two people at the table.")
        elif has_sessions:
            self.text.setText("Pick a session on the left, or start this month's.")
        else:
            self.text.setText("List where your priorities conflict, score the trade-offs, hold the capacity "
                              "split, and write the decisions down.")
        self.text.setFixedHeight(self.text.heightForWidth(TEXT_WIDTH))
        self.leaders_button.setVisible(not has_leaders)
        self.new_button.setEnabled(has_leaders)

