"""Write the app's home-screen icons (static/icons/*.png) with no imaging library: a small PNG
writer (zlib and struct) and the letters "Mg" drawn from a 5 x 9 grid, white on the app's green
(--accent in static/css/app.css), as static/favicon.svg shows them.

    .venv/bin/python scripts/make_icons.py

The PNGs are committed; run this again only to change them."""

import struct
import zlib
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "static" / "icons"
GREEN = (0x0B, 0x6E, 0x4F, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)

# "M" on rows 0-6, "g" on rows 2-8 (its tail below the line), one empty column between.
GLYPHS = [
    "X...X......",
    "XX.XX......",
    "X.X.X..XXXX",
    "X.X.X.X...X",
    "X...X.X...X",
    "X...X.X...X",
    "X...X..XXXX",
    "..........X",
    ".......XXX.",
]


def png(width: int, height: int, rows: list[bytes]) -> bytes:
    """An RGBA PNG: each row is width * 4 bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 on every row
    data = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + data


def inside_rounded_square(x: float, y: float, size: int, radius: float) -> bool:
    cx = min(max(x, radius), size - radius)
    cy = min(max(y, radius), size - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def icon(size: int, rounded: bool, letters_width: float) -> bytes:
    """A green square (corners rounded as the favicon's, 6/32, or square for a maskable icon
    that the phone crops itself) with "Mg" letters_width of its width wide, centred."""
    cell = int(size * letters_width / len(GLYPHS[0]))
    left = (size - cell * len(GLYPHS[0])) // 2
    top = (size - cell * len(GLYPHS)) // 2
    radius = size * 6 / 32 if rounded else 0
    samples = 4  # per axis, so the rounded corners are smooth
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            gx, gy = (x - left) // cell, (y - top) // cell
            if 0 <= gy < len(GLYPHS) and 0 <= gx < len(GLYPHS[0]) and GLYPHS[gy][gx] == "X":
                row += bytes(WHITE)
                continue
            if not rounded:
                row += bytes(GREEN)
                continue
            covered = sum(
                inside_rounded_square(x + (i + 0.5) / samples, y + (j + 0.5) / samples, size, radius)
                for i in range(samples)
                for j in range(samples)
            )
            alpha = round(255 * covered / samples**2)
            row += bytes(GREEN[:3] + (alpha,)) if alpha else bytes(CLEAR)
        rows.append(bytes(row))
    return png(size, size, rows)


def main() -> None:
    ICONS.mkdir(exist_ok=True)
    # "any" icons: rounded, as on the favicon. Maskable: full bleed, the letters inside the
    # central circle (80 % of the width) that every mask keeps. Apple's: square, iOS rounds it.
    files = {
        "icon-192.png": icon(192, rounded=True, letters_width=0.62),
        "icon-512.png": icon(512, rounded=True, letters_width=0.62),
        "maskable-512.png": icon(512, rounded=False, letters_width=0.5),
        "apple-touch-icon-180.png": icon(180, rounded=False, letters_width=0.6),
    }
    for name, data in files.items():
        (ICONS / name).write_bytes(data)
        print(ICONS / name, len(data), "bytes")


if __name__ == "__main__":
    main()
