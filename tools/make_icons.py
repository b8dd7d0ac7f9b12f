#!/usr/bin/env python3
"""Draws the 16x16 PNG node icons (no image library needed): a rounded tile in the node's colour with a
small glyph of what the node does. Run from the repository root; writes beside each node factory."""
import struct
import zlib

RES = "src/main/resources/org/modeconn/knime"


def png(path, pixels):
    raw = b"".join(b"\x00" + bytes(sum((list(p) for p in row), [])) for row in pixels)
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 6, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)


def tile(color):
    px = [[(0, 0, 0, 0)] * 16 for _ in range(16)]
    for y in range(1, 15):
        for x in range(1, 15):
            corner = (x in (1, 14)) and (y in (1, 14))
            if not corner:
                px[y][x] = color + (255,)
    return px


def dot(px, x, y, c=(255, 255, 255)):
    if 0 <= x < 16 and 0 <= y < 16:
        px[y][x] = c + (255,)


def curve(px):
    # two endpoints joined by an arc
    for i in range(11):
        t = i / 10
        x = round(3 + 10 * t)
        y = round(12 - 16 * t * (1 - t) * 1.1)
        dot(px, x, y)
    for (x, y) in [(2, 12), (3, 13), (13, 12), (12, 13)]:
        dot(px, x, y, (255, 220, 90))


def permutation(px):
    # two columns of units, the left matched to the right in another order
    for y in (4, 8, 12):
        for x in (3, 12):
            dot(px, x, y, (255, 220, 90))
    for (y0, y1) in [(4, 12), (8, 4), (12, 8)]:
        for i in range(1, 8):
            dot(px, 3 + round(9 * i / 8), round(y0 + (y1 - y0) * i / 8))


def matrix(px):
    # a symmetric grid of cells, the diagonal empty
    for i in range(3):
        for j in range(3):
            if i != j:
                for dx in range(3):
                    for dy in range(3):
                        dot(px, 3 + 4 * i + dx, 3 + 4 * j + dy, (255, 220, 90) if (i + j) % 2 else (255, 255, 255))


def file_arrow(px, inward):
    # a page with a folded corner, and an arrow into it (reader) or out of it (writer)
    for y in range(3, 13):
        for x in range(7, 13):
            if not (x >= 11 and y <= 4):
                dot(px, x, y)
    for (x, y) in [(11, 3), (12, 4), (11, 4)]:
        dot(px, x, y, (255, 220, 90))
    row = 8
    for x in range(2, 7):
        dot(px, x, row, (255, 220, 90))
    tip = 6 if inward else 2
    back = -1 if inward else 1
    dot(px, tip + back, row - 1, (255, 220, 90))
    dot(px, tip + back, row + 1, (255, 220, 90))


def loop_collect(px):
    # a loop arrow on the left closing into a stack of three networks on the right
    for y in range(4, 12):
        dot(px, 3, y)
    for x in range(3, 8):
        dot(px, x, 4)
        dot(px, x, 11)
    dot(px, 6, 10)
    dot(px, 6, 12)
    for y in (4, 8, 12):
        for x in range(9, 13):
            dot(px, x, y - 1 if y == 4 else y, (255, 220, 90))


def merge(px):
    # three lines that meet in one point
    for i in range(6):
        dot(px, 3 + i, 3 + i)
        dot(px, 3 + i, 13 - i)
        dot(px, 3 + i, 8)
    for x in range(9, 13):
        for y in (7, 8, 9):
            dot(px, x, y, (255, 220, 90))


def sharpness(px):
    # a narrow valley with its curvature marked
    for x in range(3, 14):
        dot(px, x, min(13, round(4 + (x - 8) ** 2 * 0.9)))
    for x in (7, 8, 9):
        dot(px, x, 4, (255, 90, 90))


ICONS = {
    "trainendpoint/train-endpoint.png": ((38, 98, 160), lambda p: [dot(p, x, y) for x in range(4, 12) for y in (4, 8, 12) if (x + y) % 2 == 0]),
    "fitcurve/fit-curve.png": ((38, 98, 160), curve),
    "evaluatecurve/evaluate-curve.png": ((200, 120, 40), lambda p: [dot(p, x, round(5 + (x - 8) ** 2 / 8)) for x in range(3, 14)]),
    "fge/fge-ensemble.png": ((38, 98, 160), lambda p: [dot(p, x, 4 + abs((x % 6) - 3) * 2) for x in range(2, 15)] + [dot(p, x, 12, (255, 220, 90)) for x in (4, 10)]),
    "planeslice/plane-slice.png": ((200, 120, 40), lambda p: [dot(p, x, y, (255, 255 - 18 * abs(x - 8), 255 - 18 * abs(y - 8))) for x in range(3, 13) for y in range(3, 13)]),
    "curvepoint/curve-point.png": ((120, 60, 150), lambda p: (curve(p), [dot(p, x, y, (255, 90, 90)) for x in (7, 8) for y in (7, 8)])),
    "alignnetworks/align-networks.png": ((120, 60, 150), permutation),
    "connectivity/connectivity-matrix.png": ((200, 120, 40), matrix),
    "onnxreader/onnx-network-reader.png": ((30, 110, 130), lambda p: file_arrow(p, True)),
    "onnxwriter/onnx-network-writer.png": ((30, 110, 130), lambda p: file_arrow(p, False)),
    "ensembleloopend/ensemble-loop-end.png": ((30, 140, 80), loop_collect),
    "mergenetworks/merge-networks.png": ((120, 60, 150), merge),
    "sharpness/sharpness.png": ((200, 120, 40), sharpness),
    "predictor/ensemble-predictor.png": ((30, 140, 80), lambda p: [dot(p, x, y) for x in range(4, 12) for y in range(4, 12) if abs(x - 8) + abs(y - 8) in (3, 4)]),
}

if __name__ == "__main__":
    import os
    for rel, (color, draw) in ICONS.items():
        px = tile(color)
        draw(px)
        path = os.path.join(RES, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        png(path, px)
        print("wrote", path)
