"""Tension Desk: the monthly roadmap tension session for a product leader and an engineering leader."""

__version__ = "0.1.0"
APP_NAME = "Tension Desk"
