"""The command table drives bindings, footer, help and palette."""

from __future__ import annotations

from collections import Counter

from app_builders import demo_analysis
from app_helpers import main
from textual.command import CommandPalette

from tui.app import CloseReadApp
from tui.app.app import CloseReadApp as AppClass
from tui.app.commands import COMMANDS, SCOPES, bindings_for, palette_commands
from tui.app.provider import CloseReadProvider
from tui.app.screens.main import FilterInput, MainScreen, SearchInput
from tui.app.screens.modals import (
    ExportScreen,
    HelpScreen,
    MessageScreen,
    PickerInput,
    SpeakerPicker,
)
from tui.app.screens.notes import ConfirmScreen, NoteEditor, NotesScreen
from tui.app.screens.open import OpenScreen, PathInput
from tui.app.widgets import ArticleView, QuoteList

IMPLEMENTERS = {
    "app": AppClass,
    "main": MainScreen,
    "list": QuoteList,
    "article": ArticleView,
    "filter": FilterInput,
    "search": SearchInput,
    "picker": SpeakerPicker,
    "picker-filter": PickerInput,
    "export": ExportScreen,
    "help": HelpScreen,
    "message": MessageScreen,
    "open": OpenScreen,
    "open-path": PathInput,
    "note": NoteEditor,
    "notes": NotesScreen,
    "confirm": ConfirmScreen,
}


def test_every_bound_command_has_an_action_method():
    for command in COMMANDS:
        assert command.scope in SCOPES
        if not command.bind:
            continue
        cls = IMPLEMENTERS[command.scope]
        if command.action.startswith("screen."):
            cls, action = SpeakerPicker, command.action.removeprefix("screen.")
        else:
            action = command.action
        assert hasattr(cls, f"action_{action}"), (command.scope, command.action)


def test_no_key_is_bound_twice_in_one_scope():
    for scope in SCOPES:
        keys = Counter(
            key for c in COMMANDS if c.scope == scope and c.bind for key in c.keys.split(",")
        )
        assert [key for key, n in keys.items() if n > 1] == [], scope


def test_classes_take_their_bindings_from_the_table():
    for scope, cls in IMPLEMENTERS.items():
        expected = {(b.key, b.action) for b in bindings_for(scope)}
        actual = {(b.key, b.action) for b in cls.BINDINGS}
        assert expected and expected <= actual, scope


def test_the_required_keys_are_all_there():
    keys = {key for c in COMMANDS for key in c.keys.split(",")}
    for key in [
        "slash",
        "s",
        "j",
        "k",
        "up",
        "down",
        "n",
        "p",
        "right_square_bracket",
        "left_square_bracket",
        "c",
        "backspace",
        "shift+backspace",
        "alt+right",
        "tab",
        "shift+tab",
        "f",
        "y",
        "e",
        "question_mark",
        "ctrl+p",
        "q",
        "o",
        "a",
        "m",
        "N",
    ]:
        assert key in keys, key


async def test_footer_shows_the_keys_of_the_focused_pane():
    app = CloseReadApp(analysis=demo_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        active = {b.binding.action for b in app.active_bindings.values() if b.enabled}
        assert {"cursor_down", "copy", "contrast"} <= active
        await pilot.press("slash")
        active = app.active_bindings
        # In the text box the reading keys are off (letters are text) and esc leaves.
        assert "y" not in active or not active["y"].enabled
        assert "slash" not in active or not active["slash"].enabled
        assert any(b.binding.action == "leave" and b.enabled for b in active.values())


async def test_the_footer_widgets_follow_the_focus_and_only_rebuild_on_a_change(monkeypatch):
    from textual.widgets._footer import FooterKey

    from tui.app.widgets.footer import KeyFooter

    recomposes = [0]
    original = KeyFooter.recompose

    async def counting(self):
        recomposes[0] += 1
        await original(self)

    monkeypatch.setattr(KeyFooter, "recompose", counting)
    app = CloseReadApp(analysis=demo_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

        def shown() -> dict[str, bool]:
            """Description -> enabled, of the keys the footer shows."""
            return {k.description: not k.has_class("-disabled") for k in app.screen.query(FooterKey)}

        keys = shown()
        assert keys["Copy"] and keys["Quit"] and "Back to the list" not in keys
        assert recomposes[0] == 1  # once, though the bindings were refreshed several times
        await pilot.press("tab")  # to the article: the same keys, nothing rebuilt
        await pilot.pause()
        assert shown() == keys and recomposes[0] == 1
        await pilot.press("slash")  # the filter box: its own key, the letters off
        await pilot.pause()
        keys = shown()
        assert keys["Back to the list"] and "Copy" not in keys
        await pilot.press("escape")
        await pilot.pause()
        keys = shown()
        assert "Back to the list" not in keys and keys["Copy"]


async def test_palette_offers_commands_speakers_and_quotations():
    app = CloseReadApp(analysis=demo_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        provider = CloseReadProvider(screen)
        hits = [hit async for hit in provider.search("Zakharova")]
        texts = [hit.text for hit in hits]
        assert "Filter by speaker: Maria Zakharova" in texts
        assert any(t.startswith("Jump to: Maria Zakharova") for t in texts)
        speaker_hit = hits[texts.index("Filter by speaker: Maria Zakharova")]
        speaker_hit.command()
        await pilot.pause()
        assert screen.speaker_filter == frozenset({"zakharova"})
        assert [screen.analysis.quotes[p].id for p in screen.shown] == ["q6", "q7"]
        jump = next(h for h in hits if h.text.startswith("Jump to") and "Crimea" in h.text)
        jump.command()
        await pilot.pause()
        assert screen.selected == "q7"
        discovered = [hit.text async for hit in provider.discover()]
        for command in palette_commands():
            assert command.description in discovered
        assert "Export as CSV" in discovered


async def test_ctrl_p_opens_the_palette_and_runs_a_command():
    app = CloseReadApp(analysis=demo_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Filter by speaker: Mike")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert main(app).speaker_filter == frozenset({"pence"})


async def test_palette_export_preselects_the_format():
    from textual.widgets import Input, RadioSet

    from tui.app.screens import ExportScreen

    app = CloseReadApp(analysis=demo_analysis())
    async with app.run_test(size=(120, 40)) as pilot:
        main(app).action_export("csv")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.query_one("#export-path", Input).value.endswith(".csv")
        assert app.screen.query_one(RadioSet).pressed_button.id == "fmt-csv"
