"""
make install puts frr-expressroute-import into bindir, with the module, and
make uninstall removes it: a staged install (DESTDIR), so that the system
itself is not touched.
"""

import os
import subprocess
import tempfile

from test_install import make_variable


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def test_import_tool_installed_and_removed(build_dir):
    with tempfile.TemporaryDirectory(prefix="er-stage-") as stage:
        bindir = make_variable(build_dir, "bindir").replace(
            "${exec_prefix}", make_variable(build_dir, "exec_prefix")
        ).replace("${prefix}", make_variable(build_dir, "prefix"))
        tool = stage + os.path.join(bindir, "frr-expressroute-import")
        result = run("make", "-C", build_dir, "install", "DESTDIR=" + stage)
        assert result.returncode == 0, result.stderr
        assert os.access(tool, os.X_OK), tool
        version = run(tool, "--version")
        assert version.returncode == 0
        assert version.stdout.startswith("frr-expressroute-import ")
        result = run("make", "-C", build_dir, "uninstall", "DESTDIR=" + stage)
        assert result.returncode == 0, result.stderr
        assert not os.path.exists(tool)
