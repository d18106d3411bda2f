"""Counts, in each region of a screenshot, the pixels that are drawn (neither the
page's background nor a widget's white) and those of a given palette, so that a test
can tell a drawn widget from a blank one.

usage: screenshot_regions.py SCREENSHOT.png REGIONS.json
REGIONS.json: {"palette": ["#1f77b4", ...], "regions": [{"id": "w1", "x": 0, "y": 0, "width": 10, "height": 10}]}
prints: {"size": [w, h], "regions": {"w1": {"drawn": N, "palette": N}}}
"""
import json
import sys

from PIL import Image

BACKGROUNDS = [(255, 255, 255), (0xF2, 0xF3, 0xF3)]


def hex_color(text):
    return tuple(int(text[i:i + 2], 16) for i in (1, 3, 5))


def close(a, b, tolerance):
    return sum(abs(x - y) for x, y in zip(a, b)) <= tolerance


def main():
    image = Image.open(sys.argv[1]).convert("RGB")
    spec = json.load(open(sys.argv[2]))
    palette = [hex_color(c) for c in spec["palette"]]
    pixels = image.load()
    width, height = image.size
    out = {}
    for region in spec["regions"]:
        drawn = coloured = 0
        x0, y0 = max(0, int(region["x"])), max(0, int(region["y"]))
        x1, y1 = min(width, int(region["x"] + region["width"])), min(height, int(region["y"] + region["height"]))
        for y in range(y0, y1):
            for x in range(x0, x1):
                pixel = pixels[x, y]
                if any(close(pixel, b, 6) for b in BACKGROUNDS):
                    continue
                drawn += 1
                if any(close(pixel, c, 60) for c in palette):
                    coloured += 1
        out[region["id"]] = {"drawn": drawn, "palette": coloured}
    print(json.dumps({"size": [width, height], "regions": out}))


if __name__ == "__main__":
    main()
