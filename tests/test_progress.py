"""Progress: a silent callback off a terminal, a bar on one."""

import io

from community_policing.progress import Progress, progress_bar


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_off_a_terminal_nothing_is_drawn():
    stream = io.StringIO()
    with progress_bar(stream) as report:
        assert report is None
    assert stream.getvalue() == ""


def test_on_a_terminal_a_bar_shows_the_stage_in_both_languages():
    stream = Terminal()
    with progress_bar(stream) as report:
        report(Progress("parse", "人员", 10, 20))
        report(Progress("check", "", 1, 1))
    assert "解析 parse 人员" in stream.getvalue() or "校验 check" in stream.getvalue()


def test_a_stage_with_nothing_to_do_is_whole():
    assert Progress("write", "", 0, 0).fraction == 1.0
    assert Progress("sort", "", 0, 0).label == "sort"
