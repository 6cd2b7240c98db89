"""The command palette Provider: the command table, speakers, quotations, export formats."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.app.commands import palette_commands
from tui.app.widgets.detail import first_words

_MAX_QUOTE_HITS = 40


def _highlight(matcher, text: str) -> Content:
    """Like ``Matcher.highlight``, but the text is never parsed as markup."""
    content = Content(text)
    try:
        _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    except Exception:  # pragma: no cover - a matcher without fuzzy offsets
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _call_action(target, action: str) -> None:
    """Run an action method directly (the palette is not a key: no focus checks)."""
    method = getattr(target, f"action_{action}", None)
    if method is not None:
        result = method()
        if result is not None and hasattr(result, "__await__"):
            target.call_later(lambda: result)
    else:
        target.call_later(target.run_action, action)


class CloseReadProvider(Provider):
    def _main(self):
        from tui.app.screens.main import MainScreen

        screen = self.screen
        return screen if isinstance(screen, MainScreen) else None

    def _entries(self) -> list[tuple[str, object, str]]:
        """(text, callback, help) for everything the palette offers."""
        entries: list[tuple[str, object, str]] = []
        main = self._main()
        for command in palette_commands():
            target = self.app if command.scope == "app" else main
            if target is None:
                continue
            entries.append(
                (
                    command.description,
                    partial(_call_action, target, command.action),
                    f"key: {command.display_keys}",
                )
            )
        if main is None or main.analysis is None:
            return entries
        for fmt, label in (("json", "JSON"), ("csv", "CSV"), ("markdown", "Markdown")):
            entries.append(
                (f"Export as {label}", partial(main.action_export, fmt), "the filtered quotations")
            )
        analysis = main.analysis
        for speaker in analysis.speakers:
            entries.append(
                (
                    f"Filter by speaker: {speaker.name}",
                    partial(setattr, main, "speaker_filter", frozenset({speaker.id})),
                    f"{len(speaker.quote_ids)} quotation(s)"
                    + (f" · {speaker.role}" if speaker.role else ""),
                )
            )
        for tag, what in ((":noted", "with a note"), (":marked", "bookmarked")):
            entries.append(
                (
                    f"Show only the quotations {what}",
                    partial(main.set_filter, tag),
                    f"types {tag} in the filter",
                )
            )
        entries.append(
            (
                "Show all speakers",
                partial(setattr, main, "speaker_filter", frozenset()),
                "clear the speaker filter",
            )
        )
        return entries

    async def discover(self) -> Hits:
        for text, callback, help_text in self._entries():
            if text.startswith("Filter by speaker:"):
                continue
            yield DiscoveryHit(Text(text), callback, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlight(matcher, text), callback, text=text, help=help_text)
        main = self._main()
        if main is None or main.analysis is None or len(query.strip()) < 2:
            return
        analysis = main.analysis
        needle = query.casefold().strip()
        found = 0
        for quote in analysis.quotes:
            name = analysis.speaker_name(quote) or "Unattributed"
            if needle in quote.text.casefold() or needle in name.casefold():
                label = f"Jump to: {name} — “{first_words(quote.text, 50)}”"
                yield Hit(
                    0.5, Text(label), partial(main.jump, quote.id), text=label, help=quote.kind
                )
                found += 1
                if found >= _MAX_QUOTE_HITS:
                    break
