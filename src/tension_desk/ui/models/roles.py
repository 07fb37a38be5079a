"""Custom item-data roles shared by the models."""
from PySide6.QtCore import Qt

IdRole = Qt.ItemDataRole.UserRole + 1  # the domain id behind a row
SortRole = Qt.ItemDataRole.UserRole + 2  # a value that sorts properly (numbers, dates)
SideRole = Qt.ItemDataRole.UserRole + 3  # the Side of a priority row
ObjectRole = Qt.ItemDataRole.UserRole + 4  # the domain object itself
