"""Where a shared workspace lives: a PostgreSQL URL in SQLAlchemy's form.

``postgresql+psycopg://user@host:5432/db``, ``postgresql+psycopg://user@/db?host=/run/postgresql`` (a Unix
socket) or ``postgresql+psycopg:///?service=tension`` (a libpq service). ``postgresql://`` and
``postgres://`` mean the same. The app never stores a password: libpq finds it in ~/.pgpass, PGPASSWORD or
pg_service.conf, as for every PostgreSQL client, so a URL that carries one is refused.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

DRIVER = "postgresql+psycopg"
_SCHEMES = ("postgresql", "postgres", DRIVER)


class StoreUrlError(ValueError):
    """A --store value that is not a shared workspace URL, in one sentence."""


def parse_store_url(text: str) -> URL:
    """The URL to connect with (always through psycopg 3); raises StoreUrlError."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    text = text.strip()
    try:
        url = make_url(text)
    except ArgumentError:
        url = None
    if url is None or url.drivername not in _SCHEMES:
        raise StoreUrlError(f"{text!r} is not a shared workspace URL; give one like "
                            "postgresql+psycopg://user@host:5432/database (or ...:///?service=NAME)")
    if url.password is not None:
        raise StoreUrlError("the store URL holds a password; Tension Desk never stores one: put it in "
                            "~/.pgpass (or PGPASSWORD, or a pg_service.conf entry) and leave it out of the URL")
    return url.set(drivername=DRIVER)


def shown_url(url: URL | str) -> str:
    """The URL as a user reads it in a message (any password hidden)."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
