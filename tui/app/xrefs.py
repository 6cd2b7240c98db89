"""Cross-references of a quotation: its links in both directions, grouped by kind."""

from __future__ import annotations

from dataclasses import dataclass

from tui.analysis.model import LINK_KINDS, Analysis, Link

KIND_TITLES = {
    "same_speaker": "Same speaker",
    "continuation": "Continuation",
    "topic": "Topic",
    "contrast": "Contrast",
}


@dataclass(frozen=True, slots=True)
class CrossReference:
    link: Link
    other: str  # the id of the quotation at the other end

    @property
    def kind(self) -> str:
        return self.link.kind


_reverse_cache: list = [None, None]  # [analysis, {target: [links]}]


def _links_to(analysis: Analysis, quote_id: str) -> list[Link]:
    if _reverse_cache[0] is not analysis:
        index: dict[str, list[Link]] = {}
        for link in analysis.links:
            index.setdefault(link.target, []).append(link)
        _reverse_cache[0] = analysis
        _reverse_cache[1] = index
    return _reverse_cache[1].get(quote_id, [])


_memo: list = [None, {}]  # [analysis, {quote id: [CrossReference]}]


def cross_references(analysis: Analysis | None, quote_id: str | None) -> list[CrossReference]:
    """Every quotation linked to ``quote_id``, by kind (the order of ``LINK_KINDS``), then text order.

    Remembered per quotation (a jump asks for the same lists several times); the caller
    gets its own copy of the list.
    """
    if analysis is None or quote_id is None:
        return []
    if _memo[0] is not analysis:
        _memo[0], _memo[1] = analysis, {}
    memo = _memo[1]
    found = memo.get(quote_id)
    if found is None:
        if len(memo) > 2000:
            memo.clear()
        found = memo[quote_id] = _cross_references(analysis, quote_id)
    return list(found)


def _cross_references(analysis: Analysis, quote_id: str) -> list[CrossReference]:
    seen: set[tuple[str, str]] = set()
    found: list[CrossReference] = []
    for link in analysis.links_from(quote_id):
        key = (link.kind, link.target)
        if key not in seen and link.target != quote_id:
            seen.add(key)
            found.append(CrossReference(link, link.target))
    for link in _links_to(analysis, quote_id):
        key = (link.kind, link.source)
        if key not in seen and link.source != quote_id:
            seen.add(key)
            found.append(CrossReference(link, link.source))
    order = {kind: number for number, kind in enumerate(LINK_KINDS)}

    def sort_key(xref: CrossReference) -> tuple[int, int]:
        try:
            position = analysis.quote_position(xref.other)
        except KeyError:
            position = -1
        return order.get(xref.kind, len(order)), position

    found = [xref for xref in found if _exists(analysis, xref.other)]
    found.sort(key=sort_key)
    return found


def _exists(analysis: Analysis, quote_id: str) -> bool:
    try:
        analysis.quote(quote_id)
    except KeyError:
        return False
    return True
