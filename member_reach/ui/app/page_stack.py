"""The sidebar's pages, each built the first time it is shown.

Building every page up front cost about a third of the time from a click on the app to its window
(packaging/README.md, start-up): the window now builds only the page it opens on. The stack holds
an empty stand-in for each page until then; asking for a page (``pages["members"]``) builds it in
its stand-in's place, so code that reaches a page by its key works as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QStackedWidget, QWidget

from member_reach.ui.core.page import Page


@dataclass(frozen=True)
class PageSpec:
    """One page of the sidebar: its key, its title (the page's heading) and how it is built."""

    key: str
    title: str
    build: Callable[[QWidget], Page]  # given the stack as the page's parent


class LazyPages(Mapping[str, Page]):
    """The pages by key, in sidebar order; a page is built when first asked for.

    Args:
        specs: the pages, in sidebar order.
        stack: where the pages go, one index each, in the same order (from index 0).
        built: called with each page's key and page once it is built (state to restore).
    """

    def __init__(
        self,
        specs: Sequence[PageSpec],
        stack: QStackedWidget,
        built: Callable[[str, Page], None] | None = None,
    ) -> None:
        self._specs = {spec.key: spec for spec in specs}
        self._order = [spec.key for spec in specs]
        self._stack = stack
        self._built = built
        self._pages: dict[str, Page] = {}
        for _ in specs:
            stack.addWidget(QWidget())

    def __getitem__(self, key: str) -> Page:
        page = self._pages.get(key)
        if page is None:
            # Built as a child of the stack: a page built without a parent would be a window of its
            # own for a moment, and take the focus from the main window.
            page = self._specs[key].build(self._stack)  # KeyError: no such page
            index = self._order.index(key)
            stand_in = self._stack.widget(index)
            assert stand_in is not None  # one stand-in per page, from the start
            was_current = self._stack.currentWidget() is stand_in
            self._stack.insertWidget(index, page)
            self._stack.removeWidget(stand_in)
            stand_in.deleteLater()
            if was_current:
                self._stack.setCurrentWidget(page)
            self._pages[key] = page
            if self._built is not None:
                self._built(key, page)
        return page

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def title(self, key: str) -> str:
        """The page's title, without building it."""
        return self._specs[key].title

    def is_built(self, key: str) -> bool:
        """Whether the page has been built (shown or asked for) yet."""
        return key in self._pages

    def key_at(self, index: int) -> str:
        """The key of the page at ``index`` of the stack and the sidebar."""
        return self._order[index]
