"""A ``ScrollView`` that does not repaint its scrollbars on every layout of the screen, and
whose content can change length without a layout of the screen."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


class QuietScrollView(ScrollView):
    """``ScrollView`` compares the compositor's virtual size (at least the viewport) with
    its own (the content's), which differ whenever the content is longer or shorter than
    the view; so every layout anywhere on the screen re-rendered the scrollbars of every
    virtual view. Here the scrollbars are updated when the view's size, its container's
    size or its own virtual size really changed.
    """

    _sizes_seen: tuple[Size, Size, Size] | None = None

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        key = (size, container_size, self.virtual_size)
        if key == self._sizes_seen:
            return False
        self._sizes_seen = key
        return super()._size_updated(size, virtual_size, container_size, layout)

    def set_virtual_size(self, size: Size) -> None:
        """Set the scrollable size without a layout of the screen.

        The view's own size does not depend on its content (its height and width are
        fractions of its pane), so only its scrollbars need updating; assigning
        ``virtual_size`` (a reactive with ``layout=True``) would lay the whole screen out
        and redraw every pane. A scrollbar that appears or goes still lays out.
        """
        if size == self.virtual_size:
            return
        self.set_reactive(QuietScrollView.virtual_size, size)
        self._scroll_update(size)
        self.refresh()
