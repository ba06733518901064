"""The pictures the demo draws with Pillow, and the alt text describing them.

The same key (a slug) always gives the same picture, so a re-run that finds
an image missing draws it again exactly as before.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFont, ImageOps

FEATURED_SIZE = (1600, 900)
PORTRAIT_SIZE = 600

Colour = tuple[int, int, int]
# (name used in alt text, dark, mid, light) — rust, steel and mineral tones.
PALETTES: list[tuple[str, Colour, Colour, Colour]] = [
    ("rust", (62, 30, 20), (168, 78, 40), (232, 178, 120)),
    ("steel-blue", (24, 32, 44), (74, 96, 118), (186, 200, 212)),
    ("bronze", (48, 36, 28), (132, 90, 48), (220, 196, 150)),
    ("slate-green", (22, 40, 42), (58, 106, 104), (196, 170, 126)),
    ("iron-oxide", (40, 20, 24), (122, 52, 50), (214, 160, 132)),
]


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    """Pillow's bundled font at ``size`` (needs Pillow >= 10.1 with FreeType);
    the fixed-size bitmap font otherwise."""
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # pragma: no cover - old Pillow or no FreeType
        return ImageFont.load_default()


def palette(key: str) -> tuple[str, Colour, Colour, Colour]:
    return PALETTES[random.Random(key).randrange(len(PALETTES))]


def with_article(word: str) -> str:
    """``"iron-oxide"`` -> ``"an iron-oxide"``; every palette name is said
    as it is spelt, so its first letter decides."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def featured_image_alt(label: str, key: str) -> str:
    """Describes what ``featured_image_png(label, key)`` draws."""
    return (
        f"Illustration: {with_article(palette(key)[0])} diagonal gradient with translucent circles, a hexagon "
        f"outline and a fine lattice, with the words \u201c{label}\u201d in large white type"
    )


def portrait_alt(initials: str, key: str) -> str:
    """Describes what ``portrait_png(initials, key)`` draws."""
    return f"Placeholder portrait: the initials {initials} on {with_article(palette(key)[0])} disc"


def featured_image_png(label: str, key: str, size: tuple[int, int] = FEATURED_SIZE) -> bytes:
    """A 16:9 PNG: a diagonal gradient in a rust/steel palette, a few
    translucent geometric shapes, a lattice and ``label`` set large."""
    rng = random.Random(key)
    _, dark, mid, light = palette(key)
    width, height = size

    vertical = Image.linear_gradient("L").resize((width, height))
    horizontal = Image.linear_gradient("L").rotate(90).resize((width, height))
    diagonal = Image.blend(vertical, horizontal, 0.5)
    if rng.random() < 0.5:
        diagonal = ImageOps.mirror(diagonal)
    canvas = ImageOps.colorize(diagonal, black=dark, white=mid).convert("RGBA")

    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    # A faint lattice, like a crystal structure.
    step = rng.choice([80, 100, 120])
    for x in range(-height, width, step):
        draw.line([(x, height), (x + height, 0)], fill=(*light, 18), width=2)
    # Overlapping discs.
    for _ in range(rng.randint(3, 5)):
        r = rng.randint(90, 260)
        cx, cy = rng.randint(width // 2, width), rng.randint(0, height)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(*light, rng.randint(28, 70)))
    # A hexagon outline and a solid accent bar.
    hx, hy = rng.randint(width // 2, width - 220), rng.randint(200, height - 200)
    draw.regular_polygon((hx, hy, rng.randint(120, 190)), 6, rotation=rng.randint(0, 59), outline=(*light, 150), width=6)
    draw.rectangle([80, 96, 80 + 120, 104], fill=(*light, 230))
    canvas = Image.alpha_composite(canvas, overlay)

    text = ImageDraw.Draw(canvas)
    text.text((80, 124), "REE EXCHANGE", font=_font(34), fill=(*light, 255))
    font_size = 150
    font = _font(font_size)
    while font_size > 48 and text.textlength(label, font=font) > width - 160:
        font_size -= 8
        font = _font(font_size)
    text.text((80, height - 110), label, font=font, fill=(255, 255, 255, 255), anchor="ls")

    buffer = io.BytesIO()
    canvas.convert("RGB").save(buffer, "PNG")
    return buffer.getvalue()


def portrait_png(initials: str, key: str, size: int = PORTRAIT_SIZE) -> bytes:
    """A square PNG placeholder portrait: ``initials`` on a coloured disc."""
    _, dark, mid, light = palette(key)
    canvas = Image.new("RGB", (size, size), tuple(min(255, c + 20) for c in light))
    draw = ImageDraw.Draw(canvas)
    margin = size // 12
    draw.ellipse([margin, margin, size - margin, size - margin], fill=mid, outline=dark, width=size // 60)
    draw.text((size // 2, size // 2), initials, font=_font(size // 3), fill=(255, 255, 255), anchor="mm")
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG")
    return buffer.getvalue()


def initials_of(name: str) -> str:
    """``"Sun Shaocheng"`` -> ``"SS"``; at most two letters."""
    parts = [p for p in name.replace("-", " ").split() if p[:1].isalpha()]
    return "".join(p[0].upper() for p in parts[:2]) or "?"
