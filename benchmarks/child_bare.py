"""Reference: a bare PySide6 QMainWindow shown from a new process; prints first paint time and peak RSS."""
import json
import os
import resource
import sys
import time

T0 = float(os.environ.get("BENCH_T0", time.time()))
from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow  # noqa: E402

app = QApplication(sys.argv)
w = QMainWindow()
w.setCentralWidget(QLabel("hello"))
w.resize(1280, 720)
result = {}


class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "first_paint_ms" not in result:
            result["first_paint_ms"] = (time.time() - T0) * 1000
            QTimer.singleShot(0, app.quit)
        return False


f = Painted()
w.installEventFilter(f)
w.show()
w.repaint()
app.exec()
result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
