#!/usr/bin/env python3
"""Draws the invented Northvale County Council's emblem for the second bundled example
(inputs/supporting-families-update/style/logo.png): a disc with a sun over three hills
and a river, transparent outside the disc, so that boardpack's PNG reader has alpha to
lay on the white page. Standard library only; the output is byte-stable."""
import math, struct, sys, zlib

N, SS = 240, 4  # pixels, supersampling per axis

def colour(x, y):
    """RGBA of the point (x, y) in [0, 1)^2, y down."""
    dx, dy = x - 0.5, y - 0.5
    if dx * dx + dy * dy > 0.25:
        return (0, 0, 0, 0)
    if dx * dx + dy * dy > 0.2116:       # the ring
        return (29, 79, 145, 255)
    if (x - 0.66) ** 2 + (y - 0.36) ** 2 < 0.012:  # the sun
        return (244, 162, 37, 255)
    # the nearest hill first: it hides those behind it
    for k, (shade, base, amp, phase) in reversed(list(enumerate([((40, 161, 151), 0.60, 0.07, 0.0),
                                                                 ((18, 110, 90), 0.70, 0.06, 1.7),
                                                                 ((12, 67, 60), 0.80, 0.05, 3.1)]))):
        if y > base - amp * math.cos(2 * math.pi * (x * 1.3) + phase):
            if k == 2 and abs(y - (0.88 + 0.03 * math.sin(9 * x))) < 0.022:  # the river
                return (255, 255, 255, 255)
            return shade + (255,)
    return (228, 238, 248, 255)          # the sky

rows = []
for j in range(N):
    row = bytearray([0])                 # filter: none
    for i in range(N):
        acc = [0, 0, 0, 0]
        for sj in range(SS):
            for si in range(SS):
                c = colour((i + (si + 0.5) / SS) / N, (j + (sj + 0.5) / SS) / N)
                for k in range(3):
                    acc[k] += c[k] * c[3]
                acc[3] += c[3]
        a = acc[3] / (SS * SS)
        row += bytes([round(acc[k] / acc[3]) if acc[3] else 0 for k in range(3)] + [round(a)])
    rows.append(bytes(row))

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
open(sys.argv[1] if len(sys.argv) > 1 else "logo.png", "wb").write(png)
