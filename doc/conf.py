# SPDX-License-Identifier: GPL-2.0-or-later
#
# Sphinx configuration of the frr-expressroute user guide and man page.
#
# Build with Debian's Sphinx (python3-sphinx), warnings as errors:
#   make -C doc html man
# The HTML guide lands in doc/_build/html, frr-expressroute(7) and
# frr-expressroute-import(1) in doc/_build/man.

import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))


def package_version():
    """The version in configure.ac's AC_INIT, as `make dist` names it."""
    try:
        with open(os.path.join(HERE, "..", "configure.ac")) as f:
            match = re.search(r"AC_INIT\(\[[^]]*\],\s*\[([^]]+)\]", f.read())
    except OSError:
        match = None
    return match.group(1) if match else "unknown"


# -- Project -----------------------------------------------------------------

project = "frr-expressroute"
author = "the frr-expressroute developers"
copyright = "2026, the frr-expressroute developers"
release = package_version()
version = ".".join(release.split(".")[:2])

# -- General -----------------------------------------------------------------

root_doc = "index"
master_doc = root_doc
source_suffix = {".rst": "restructuredtext"}
exclude_patterns = ["_build"]
language = "en"
extensions = []

# Configuration snippets and vtysh output are not a language Pygments knows;
# blocks that are (JSON, XML) name their language explicitly.
highlight_language = "none"
pygments_style = "sphinx"

# Every :ref: and literalinclude must resolve: the build runs with -W.
nitpicky = False
numfig = False

# FRR's own documentation (for links to FRR features the module builds on).
rst_epilog = """
.. _FRR user guide: https://docs.frrouting.org/
"""

# -- HTML --------------------------------------------------------------------

html_theme = "alabaster"
html_title = "frr-expressroute %s" % release
html_short_title = "frr-expressroute"
html_static_path = []
html_show_sourcelink = False
html_theme_options = {
    "description": "Azure ExpressRoute for FRRouting's bgpd",
    "fixed_sidebar": False,
}

# -- Manual page -------------------------------------------------------------

man_pages = [
    (
        "man/frr-expressroute",
        "frr-expressroute",
        "Azure ExpressRoute module for FRRouting's bgpd",
        [author],
        7,
    ),
    (
        "man/frr-expressroute-daemons",
        "frr-expressroute-daemons",
        "switch the frr-expressroute modules on and off in /etc/frr/daemons",
        [author],
        8,
    ),
    (
        "man/frr-expressroute-import",
        "frr-expressroute-import",
        "Azure's JSON of an ExpressRoute circuit to frr-expressroute's configuration, and the CE checked against it",
        [author],
        1,
    ),
]
man_show_urls = True
