"""Sphinx configuration for the community_policing documentation."""

import runpy
import sys
from pathlib import Path

project = "community_policing"
author = "community_policing contributors"
copyright = "2026, community_policing contributors"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "sphinx_copybutton",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# the copy button takes the code, not the prompts or what the examples print
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True

html_theme = "furo"
html_title = "community_policing"


def _draw_station_plan() -> None:
    """Draw the planning page's picture from the example script, so it never goes stale."""
    here = Path(__file__).parent
    (here / "_static").mkdir(exist_ok=True)
    saved = sys.argv
    sys.argv = ["plan_station.py", str(here / "_static" / "station_plan.png")]
    try:
        runpy.run_path(str(here.parent / "examples" / "plan_station.py"), run_name="__main__")
    finally:
        sys.argv = saved


_draw_station_plan()
