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


def _hue_distance(a: Color, b: Color) -> float:
    distance = abs(a.hsl[0] - b.hsl[0]) % 1.0
    return min(distance, 1.0 - distance)


def theme_colors(variables: dict[str, str], dark: bool, count: int = 12) -> list[Color]:
    """Distinct readable colours: the theme's own first, then hues around the wheel.

    A theme colour too close in hue to one already chosen is skipped (many themes have
    two blues); the rest of the wheel is filled by rotating the primary colour's hue.
    """
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
    chosen: list[Color] = []
    for color in base:
        if all(_hue_distance(color, other) > 0.07 for other in chosen):
            chosen.append(color)
    hue, saturation, lightness = base[0].hsl
    step = 0
    while len(chosen) < count and step < 64:
        step += 1
        # The golden angle spreads the added hues evenly whatever their number.
        candidate = Color.from_hsl((hue + step * 0.381966) % 1.0, max(saturation, 0.55), lightness)
        if all(_hue_distance(candidate, other) > 0.06 for other in chosen):
            chosen.append(candidate)
    return chosen


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


def build_palette(
    analysis: Analysis | None, variables: dict[str, str], dark: bool
) -> SpeakerPalette:
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
