"""One stable colour per speaker, derived from the current Textual theme."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from textual.color import Color

from tui.analysis.model import Analysis

_THEME_KEYS = ("primary", "secondary", "accent", "warning", "success", "error")


@dataclass(frozen=True)
class SpeakerPalette:
    """Styles for quotations: a subtle and a strong style per speaker id (None = unattributed)."""

    colors: dict  # speaker id | None -> Color
    subtle: dict  # speaker id | None -> rich Style
    strong: dict  # speaker id | None -> rich Style
    match: Style  # a search match
    current_match: Style  # the current search match
    dark: bool = True

    def color(self, speaker_id: str | None) -> Color:
        return self.colors.get(speaker_id) or self.colors[None]

    def subtle_style(self, speaker_id: str | None) -> Style:
        return self.subtle.get(speaker_id) or self.subtle[None]

    def strong_style(self, speaker_id: str | None) -> Style:
        return self.strong.get(speaker_id) or self.strong[None]


def _readable(color: Color, dark: bool) -> Color:
    hue, saturation, lightness = color.hsl
    saturation = min(max(saturation, 0.45), 0.85)
    lightness = max(lightness, 0.62) if dark else min(lightness, 0.38)
    return Color.from_hsl(hue, saturation, lightness)


def theme_colors(variables: dict[str, str], dark: bool) -> list[Color]:
    """Twelve distinct readable colours: the theme's six, then the same rotated by 30°."""
    base = []
    for key in _THEME_KEYS:
        value = variables.get(key)
        if value:
            try:
                base.append(_readable(Color.parse(value), dark))
            except Exception:  # pragma: no cover - an odd theme value
                continue
    if not base:
        base = [_readable(Color.parse("#4f9fdf"), dark)]
    rotated = []
    for color in base:
        hue, saturation, lightness = color.hsl
        rotated.append(Color.from_hsl((hue + 1 / 12) % 1.0, saturation, lightness))
    seen: list[Color] = []
    for color in base + rotated:
        if all(abs(color.hsl[0] - other.hsl[0]) > 0.02 for other in seen) or len(seen) < 2:
            seen.append(color)
    return seen


def speaker_order(analysis: Analysis) -> list[str]:
    """Speakers from the most quoted down (ties by first quotation): the colour order."""
    first = {}
    for position, quote in enumerate(analysis.quotes):
        if quote.speaker_id is not None:
            first.setdefault(quote.speaker_id, position)
    speakers = sorted(
        analysis.speakers,
        key=lambda s: (-len(s.quote_ids), first.get(s.id, len(analysis.quotes)), s.id),
    )
    return [speaker.id for speaker in speakers]


def build_palette(analysis: Analysis | None, variables: dict[str, str], dark: bool) -> SpeakerPalette:
    background = Color.parse(variables.get("background", "#000000" if dark else "#ffffff"))
    foreground = Color.parse(variables.get("foreground", "#e0e0e0" if dark else "#202020"))
    colors = theme_colors(variables, dark)
    neutral = foreground.blend(background, 0.35)
    mapping: dict = {None: neutral}
    if analysis is not None:
        for index, speaker_id in enumerate(speaker_order(analysis)):
            mapping[speaker_id] = colors[index % len(colors)]
    subtle: dict = {}
    strong: dict = {}
    for key, color in mapping.items():
        tint = background.blend(color, 0.16)
        subtle[key] = Style(color=color.rich_color, bgcolor=tint.rich_color)
        strong[key] = Style(
            color=color.get_contrast_text(1.0).rich_color,
            bgcolor=color.rich_color,
            bold=True,
        )
    warning = Color.parse(variables.get("warning", "#ffa62b"))
    match = Style(bgcolor=background.blend(warning, 0.45).rich_color, underline=True)
    current = Style(
        color=warning.get_contrast_text(1.0).rich_color, bgcolor=warning.rich_color, bold=True
    )
    return SpeakerPalette(mapping, subtle, strong, match, current, dark)
