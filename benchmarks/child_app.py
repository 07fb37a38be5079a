"""The app as `tension-desk` starts it: first paint, then the last session's matrix populated and
interactive; prints the times from process start and the peak RSS."""
import json
import os
import resource
import sys
import time

T0 = float(os.environ.get("BENCH_T0", time.time()))
from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import tension_desk.app as appmod  # noqa: E402

data_dir = sys.argv[1]
result = {}


class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "first_paint_ms" not in result:
            result["first_paint_ms"] = (time.time() - T0) * 1000
        return False


app = appmod.make_application()
watch = Painted()
placeholder = appmod._placeholder_window()  # what run_gui paints first
placeholder.installEventFilter(watch)
placeholder.show()
placeholder.repaint()
app.processEvents()
from pathlib import Path  # noqa: E402

window = appmod.build_window(Path(data_dir))
window.setGeometry(placeholder.geometry())
window.show()
placeholder.close()
ids = window.session_ids_in_list()
window.select_session(ids[0])  # the newest session
view = window.session_view
view.tabs.setCurrentWidget(view.matrix)
app.processEvents()
view.matrix.table.viewport().repaint()
result["matrix_ms"] = (time.time() - T0) * 1000
result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
window.ctx.desk.engine.dispose()
print(json.dumps(result))
