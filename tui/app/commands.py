"""The one command table: it drives key bindings, the footer, the help screen and the palette.

Each :class:`Command` says which key runs which action, what it is called, and where it
applies (its *scope*). Classes take their ``BINDINGS`` from :func:`bindings_for`, so the
footer (which shows the active bindings of the focused widget and its ancestors) follows
the focus; the help screen lists the same table; the command palette offers every
command marked ``palette``.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

#: Where a command applies, in the order the help screen lists them.
SCOPES: dict[str, str] = {
    "app": "Anywhere",
    "main": "Reading screen",
    "list": "Quotations list",
    "article": "Article",
    "detail": "Detail pane",
    "filter": "Filter box",
    "search": "Find box",
    "picker": "Speaker picker",
    "picker-filter": "Speaker picker's filter box",
    "export": "Export dialog",
    "open": "Open dialog",
    "open-path": "Open dialog's path box",
    "note": "Note editor",
    "notes": "Notes list",
    "confirm": "Question",
    "help": "This help",
    "message": "Message",
}


@dataclass(frozen=True, slots=True)
class Command:
    keys: str  # Textual key names, comma-separated alternatives
    action: str  # the action run in the scope's namespace
    description: str
    scope: str
    show: bool = True  # shown in the footer
    palette: bool = False  # offered in the command palette
    key_display: str | None = None
    bind: bool = True  # False: handled by a widget itself, listed for help only
    priority: bool = False  # checked before the focused widget sees the key

    @property
    def display_keys(self) -> str:
        """Every key of the command, for the help screen (the footer shows ``key_display``)."""
        return " / ".join(_KEY_NAMES.get(key, key) for key in self.keys.split(","))

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.show,
            key_display=self.key_display,
            priority=self.priority or (self.scope in PRIORITY_SCOPES and self.show_priority),
        )

    @property
    def show_priority(self) -> bool:
        return self.keys not in ("tab", "shift+tab", "ctrl+p")


_KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "full_stop": ".",
    "comma": ",",
    "up": "↑",
    "down": "↓",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "backspace": "⌫",
    "shift+backspace": "⇧⌫",
    "alt+left": "alt+←",
    "alt+right": "alt+→",
    "escape": "esc",
    "ctrl+p": "^p",
}

COMMANDS: tuple[Command, ...] = (
    # -- anywhere ---------------------------------------------------------------------
    Command("q", "quit", "Quit", "app", palette=True),
    Command("question_mark", "help", "Help", "app", palette=True, key_display="?"),
    Command("ctrl+p", "command_palette", "Palette", "app", show=False, key_display="^p"),
    Command("tab", "focus_next", "Next pane", "app", show=False),
    Command("shift+tab", "focus_previous", "Previous pane", "app", show=False),
    # -- the reading screen -------------------------------------------------------------
    # The filter box shows "/ filter…" itself: no footer entry needed.
    Command("slash", "focus_filter", "Filter", "main", show=False, palette=True, key_display="/"),
    Command("s", "pick_speakers", "Speakers", "main", palette=True),
    Command("n", "next_by_speaker", "Next by speaker", "main", show=False, palette=True),
    Command("p", "previous_by_speaker", "Prev. by speaker", "main", show=False, palette=True),
    Command(
        "right_square_bracket",
        "next_xref",
        "Next cross-reference (of where you started)",
        "main",
        show=False,
        palette=True,
        key_display="]",
    ),
    Command(
        "left_square_bracket",
        "previous_xref",
        "Previous cross-reference",
        "main",
        show=False,
        palette=True,
        key_display="[",
    ),
    Command("c", "contrast", "Contrast", "main", show=False, palette=True),
    Command("backspace,alt+left", "back", "Back", "main", palette=True, key_display="⌫"),
    Command(
        "shift+backspace,alt+right",
        "forward",
        "Forward",
        "main",
        show=False,
        palette=True,
        key_display="⇧⌫ / alt+→",
    ),
    Command("f", "find", "Find", "main", palette=True),
    Command("full_stop", "next_match", "Next match", "main", show=False, key_display="."),
    Command("comma", "previous_match", "Prev. match", "main", show=False, key_display=","),
    Command("y", "copy", "Copy", "main", palette=True),
    Command("o", "open", "Open", "main", palette=True),
    Command("a", "note", "Note", "main", palette=True),
    Command("m", "bookmark", "Bookmark", "main", show=False, palette=True),
    Command("N", "notes", "All notes and bookmarks", "main", show=False, palette=True),
    Command("e", "export", "Export", "main", palette=True),
    Command(
        "escape", "clear", "Clear filters", "main", show=False, palette=True, key_display="esc"
    ),
    # -- the quotations list -------------------------------------------------------------
    Command("j,down", "cursor_down", "Next", "list", show=False, key_display="j / ↓"),
    Command("k,up", "cursor_up", "Previous", "list", show=False, key_display="k / ↑"),
    Command("pagedown", "page_down", "Page down", "list", show=False),
    Command("pageup", "page_up", "Page up", "list", show=False),
    Command("home", "first", "First", "list", show=False),
    Command("end", "last", "Last", "list", show=False),
    Command("enter", "open", "Read in article", "list", show=False),
    # -- the article ----------------------------------------------------------------------
    Command("j,down", "next_quote", "Next quotation", "article", show=False, key_display="j / ↓"),
    Command(
        "k,up", "previous_quote", "Prev. quotation", "article", show=False, key_display="k / ↑"
    ),
    Command("pagedown,space", "page_down", "Page down", "article", show=False),
    Command("pageup", "page_up", "Page up", "article", show=False),
    Command("home", "scroll_home", "Top", "article", show=False),
    Command("end", "scroll_end", "Bottom", "article", show=False),
    # -- the detail pane ------------------------------------------------------------------
    Command("up,down", "", "Choose a cross-reference", "detail", bind=False, key_display="↑ / ↓"),
    Command("enter", "", "Jump to it", "detail", bind=False),
    # -- the filter and find boxes ---------------------------------------------------------
    Command("enter", "", "Select the first match", "filter", bind=False),
    Command("escape", "leave", "Back to the list", "filter", key_display="esc"),
    Command("enter", "", "Find (empty clears)", "search", bind=False),
    Command("escape", "leave", "Close", "search", key_display="esc"),
    # -- dialogs ---------------------------------------------------------------------------
    Command("down", "screen.to_list", "Down to the list", "picker-filter", show=False),
    Command("space", "", "Tick / untick a speaker", "picker", bind=False),
    Command("enter", "apply", "Apply (the ticks, or every match)", "picker", priority=True),
    Command("ctrl+r", "clear", "All speakers", "picker", key_display="^r"),
    Command("escape", "cancel", "Cancel", "picker", key_display="esc"),
    Command("enter", "", "Export", "export", bind=False),
    Command("escape", "cancel", "Cancel", "export", key_display="esc"),
    Command("enter", "", "Open the path, or the chosen document", "open", bind=False),
    Command("escape", "cancel", "Cancel", "open", key_display="esc"),
    Command("tab", "complete", "Complete the path (or next)", "open-path", show=False),
    Command("ctrl+s", "save", "Save the note", "note", key_display="^s", priority=True),
    Command("escape", "cancel", "Cancel (asks before dropping changes)", "note", key_display="esc", priority=True),
    Command("y", "yes", "Yes", "confirm"),
    Command("n,escape", "no", "No", "confirm", key_display="n / esc"),
    Command("enter", "", "Jump to the quotation", "notes", bind=False),
    Command("escape", "close", "Close", "notes", key_display="esc"),
    Command("escape", "close", "Close (or ? again)", "help", key_display="esc"),
    Command("escape,enter,q", "close", "OK", "message", key_display="enter"),
)


def commands_for(scope: str) -> list[Command]:
    return [command for command in COMMANDS if command.scope == scope]


#: Scopes whose keys are priority bindings. A key burst (typed fast, or sent by a script)
#: is forwarded to the focused widget before an earlier key's non-priority binding has
#: run, so ``/Ryabkov`` would type "Ryabkov" into the list, not the filter. Priority
#: bindings run in order as the keys arrive; ``check_action`` turns them off while a
#: text box has the focus, so they never steal typed characters.
PRIORITY_SCOPES = ("app", "main")


def bindings_for(scope: str) -> list[Binding]:
    """The ``BINDINGS`` of the class that implements ``scope``."""
    return [command.binding() for command in commands_for(scope) if command.bind]


def palette_commands() -> list[Command]:
    return [command for command in COMMANDS if command.palette]
