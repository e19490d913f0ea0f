"""The sidebar never cuts its labels: on a 1024x700 screen, nor dragged as narrow as it goes."""

from __future__ import annotations

from .walk_checks import navigation_problems


def test_sidebar_labels_fit_a_1024x700_window_and_the_narrowest_sidebar(
    qtbot, window_factory, people_db
) -> None:
    window = window_factory(people_db)
    window.show()
    qtbot.waitExposed(window)
    window.resize(1024 - 16, 700 - 40)  # a 1024x700 screen, less the title bar and frame
    qtbot.wait(10)
    assert navigation_problems(window.navigation) == []
    before = window.navigation.width()
    window.splitter.setSizes([0, window.width()])  # dragged all the way left
    qtbot.wait(10)
    assert window.navigation.width() < before  # it did get narrower
    assert navigation_problems(window.navigation) == []
    texts = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert "Follow-up" in texts


def test_the_label_check_sees_a_cut_label(qtbot, window_factory, people_db) -> None:
    window = window_factory(people_db)
    window.show()
    qtbot.waitExposed(window)
    window.navigation.setMinimumWidth(0)
    window.navigation.setMaximumWidth(60)  # far too narrow for "Dashboard"
    qtbot.wait(10)
    assert any("Dashboard" in problem for problem in navigation_problems(window.navigation))
