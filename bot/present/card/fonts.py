"""Finding a font that can draw Chinese: the usual Debian paths, then fontconfig."""

from __future__ import annotations

import glob
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefings.errors import ReportError

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

PACKAGES = "fonts-noto-cjk or fonts-wqy-microhei"


class FontNotFoundError(ReportError):
    """No font able to draw Chinese is installed, or the configured one is unusable."""


_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-*.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
)
_FC_TIMEOUT_S = 2.0
# Noto CJK collections put the Japanese face first; Chinese glyph shapes live in the SC face.
_PREFERRED_FACES = ("SC", "CN")
_MAX_FACES = 10


def find_font(font_path: str | None = None) -> str:
    """The font file to draw with: `font_path` if given, else an installed CJK font."""
    if font_path is not None:
        if not Path(font_path).is_file():
            raise FontNotFoundError(font_path, f"font file not found; install {PACKAGES}")
        return font_path
    for pattern in _CANDIDATES:
        found = sorted(glob.glob(pattern))
        if found:
            return found[0]
    listed = _fontconfig_fonts()
    if listed:
        return listed[0]
    raise FontNotFoundError(
        "card", f"no Chinese (CJK) font installed; install the Debian package {PACKAGES}"
    )


@lru_cache(maxsize=1)
def _fontconfig_fonts() -> tuple[str, ...]:
    # Cached: a card per message must not spawn fc-list each time; fonts change rarely.
    # `fc-match :lang=zh` answers with a Latin font when no CJK one exists; fc-list filters by
    # coverage, so anything it lists can draw Chinese.
    try:
        listed = subprocess.run(
            ["fc-list", ":lang=zh", "file"],
            capture_output=True, text=True, timeout=_FC_TIMEOUT_S, check=True,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return ()
    paths = (line.split(":")[0].strip() for line in listed.stdout.splitlines())
    return tuple(sorted(path for path in paths if path and Path(path).is_file()))


@lru_cache(maxsize=64)
def load_font(path: str, size: int) -> FreeTypeFont:
    from PIL import ImageFont  # Pillow here: the bot imports this module at start, for the error

    # Chinese needs no shaping; the basic engine measures ~7x faster than raqm and draws the
    # same pixels whether or not libraqm is installed.
    layout = ImageFont.Layout.BASIC
    try:
        return ImageFont.truetype(path, size, index=_face_index(path), layout_engine=layout)
    except OSError as error:
        raise FontNotFoundError(path, f"not a usable font ({error}); install {PACKAGES}") from error


@lru_cache(maxsize=8)
def _face_index(path: str) -> int:
    from PIL import ImageFont

    for index in range(_MAX_FACES):
        try:
            family, _ = ImageFont.truetype(path, 12, index=index).getname()
        except OSError:
            break
        if family and any(tag in family for tag in _PREFERRED_FACES):
            return index
    return 0
