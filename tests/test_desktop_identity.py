"""Desktop identity: the app has an icon and an app id, and ``tension-desk install-desktop`` puts its
launcher entry and icon where a Linux desktop looks for them."""
from __future__ import annotations

import configparser
import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QGuiApplication, QImage

from tension_desk.cli import main
from tension_desk.desktop import DESKTOP_ID, icon_files


def test_install_desktop_writes_the_entry_and_icons_under_xdg_data_home(tmp_path, monkeypatch, capsys, qapp):
    from PySide6.QtSvg import QSvgRenderer

    home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    assert main(["install-desktop"]) == 0
    entry = home / "applications" / "tension-desk.desktop"
    svg = home / "icons" / "hicolor" / "scalable" / "apps" / "tension-desk.svg"
    png = home / "icons" / "hicolor" / "256x256" / "apps" / "tension-desk.png"
    out = capsys.readouterr().out
    for path in (entry, svg, png):
        assert path.is_file() and f"wrote {path}" in out
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str
    desktop.read(entry, encoding="utf-8")
    section = desktop["Desktop Entry"]
    assert section["Type"] == "Application" and section["Name"] == "Tension Desk"
    assert section["Exec"] == "tension-desk" and section["Terminal"] == "false"
    assert section["Icon"] == DESKTOP_ID == svg.stem == png.stem  # the entry finds its icon by name
    assert section["StartupWMClass"] == DESKTOP_ID
    assert QSvgRenderer(str(svg)).isValid()
    image = QImage(str(png))
    assert (image.width(), image.height()) == (256, 256) and image.hasAlphaChannel()
    # Again: the files are replaced, nothing else is left behind.
    assert main(["install-desktop"]) == 0
    assert sorted(p.name for p in home.rglob("*") if p.is_file()) == ["tension-desk.desktop", "tension-desk.png",
                                                                      "tension-desk.svg"]


def test_without_xdg_data_home_it_goes_to_local_share(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert main(["install-desktop"]) == 0
    assert (tmp_path / ".local" / "share" / "applications" / "tension-desk.desktop").is_file()


def test_an_unwritable_data_dir_is_one_line(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "share"
    blocker.write_text("a file where the directory should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert main(["install-desktop"]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "could not install the desktop entry" in err
    assert "Traceback" not in err


def test_the_app_names_itself_and_shows_its_icon(make_window):
    w = make_window()
    assert QGuiApplication.desktopFileName() == "tension-desk"
    assert not QGuiApplication.windowIcon().isNull() and not w.windowIcon().isNull()
    sizes = {(s.width(), s.height()) for s in QGuiApplication.windowIcon().availableSizes()}
    assert (256, 256) in sizes
    assert [f.name for f in icon_files()] == ["tension-desk.png"]  # the SVG at 256 px: test_memory


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="reads the process's mapped files from /proc")
def test_the_app_icon_loads_only_the_image_plugins_it_needs():
    """Each image plugin Qt loads stays mapped for the life of the app: told the icon file's format, Qt loads none
    (PNG is built in), not all of them to ask which one reads the file."""
    code = ("from tension_desk.app import make_application\n"
            "app = make_application()\n"
            "assert not app.windowIcon().isNull()\n"
            "maps = open('/proc/self/maps').read()\n"
            "print(sorted({line.rsplit('/', 1)[1] for line in maps.splitlines() if '/imageformats/' in line}))\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=True)
    assert out.stdout.split("\n")[-2] == "[]"
