"""System tests: the module against the distro's FRR installation itself."""

import os

import pytest


@pytest.fixture(scope="session")
def build_dir():
    path = os.path.abspath(
        os.environ.get(
            "ER_BUILD_DIR", os.path.join(os.path.dirname(__file__), "..", "..")
        )
    )
    if not os.path.exists(os.path.join(path, ".libs", "bgpd_expressroute.so")):
        pytest.fail("no build in %s: run make first" % path)
    return path
