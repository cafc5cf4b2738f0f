"""The Chinese README keeps step with the English one: the same commands, the same examples."""

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
FENCED = re.compile(r"^```[a-z]*\n.*?^```", re.S | re.M)


def blocks(name):
    return FENCED.findall((ROOT / name).read_text(encoding="utf-8"))


def test_both_readmes_hold_the_same_code_blocks_in_the_same_order():
    english, chinese = blocks("README.md"), blocks("README.zh-CN.md")
    assert english
    assert chinese == english


def test_the_quick_start_is_the_same_two_commands():
    for name in ("README.md", "README.zh-CN.md"):
        assert blocks(name)[0] == "```sh\nmake demo\nmake test\n```", name


def test_each_readme_links_to_the_other():
    assert "(README.zh-CN.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(README.md)" in (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")
