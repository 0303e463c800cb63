"""
make install into the distro's FRR, FRR started by its own init script,
then make uninstall: every distro file comes back byte for byte, with its
owner and mode.
"""

import hashlib
import os
import re
import subprocess
import time

import pytest

FRRINIT = "/usr/lib/frr/frrinit.sh"
DAEMONS = "/etc/frr/daemons"
# what make install replaces or edits, and uninstall restores
DISTRO_FILES = [
    "/usr/bin/vtysh",
    "/usr/lib/frr/frr-reload.py",
    DAEMONS,
]


def fingerprint(path):
    st = os.stat(path)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return (digest, st.st_mode, st.st_uid, st.st_gid)


def run(*cmd, check=True):
    return subprocess.run(
        cmd, capture_output=True, text=True, check=check, timeout=120
    )


def make_variable(build_dir, name):
    with open(os.path.join(build_dir, "Makefile")) as f:
        return re.search(r"^%s = (.*)$" % name, f.read(), re.M).group(1)


def vtysh(binary, command):
    return run(binary, "-c", command, check=False)


@pytest.fixture
def bgpd_enabled():
    """bgpd switched on in the daemons file for the test, as an operator does."""
    with open(DAEMONS) as f:
        original = f.read()
    stat = os.stat(DAEMONS)
    with open(DAEMONS, "w") as f:
        f.write(re.sub(r"^bgpd=no$", "bgpd=yes", original, flags=re.M))
    yield
    with open(DAEMONS, "w") as f:
        f.write(original)
    os.chown(DAEMONS, stat.st_uid, stat.st_gid)
    os.chmod(DAEMONS, stat.st_mode)


def wait_for(predicate, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        result = predicate()
        if result:
            return result
        time.sleep(0.5)
    return predicate()


def test_install_start_uninstall(build_dir, bgpd_enabled):
    before = {path: fingerprint(path) for path in DISTRO_FILES}
    assert "expressroute" not in vtysh("/usr/bin/vtysh", "show version").stdout

    run("make", "-C", build_dir, "install")
    try:
        assert os.path.exists("/usr/bin/vtysh.distrib")
        assert os.path.exists(
            os.path.join(make_variable(build_dir, "FRR_MODULEDIR"),
                         "bgpd_expressroute.so")
        )
        assert os.path.exists("/usr/share/yang/frr-expressroute.yang")
        with open(DAEMONS) as f:
            assert re.search(r'^bgpd_options=".* -M expressroute"$', f.read(), re.M)
        # installing twice changes nothing
        run("make", "-C", build_dir, "install")
        with open(DAEMONS) as f:
            assert f.read().count("-M expressroute") == 1

        run(FRRINIT, "start")
        try:
            modules = wait_for(
                lambda: "bgpd_expressroute"
                in vtysh("/usr/bin/vtysh", "show modules").stdout
                and vtysh("/usr/bin/vtysh", "show modules").stdout
            )
            assert modules and "bgpd_expressroute" in modules

            ours = vtysh("/usr/bin/vtysh", "show expressroute json")
            assert ours.returncode == 0, ours.stdout + ours.stderr
            assert '"circuits"' in ours.stdout

            distro = vtysh("/usr/bin/vtysh.distrib", "show expressroute")
            assert "Unknown command" in distro.stdout + distro.stderr
        finally:
            run(FRRINIT, "stop", check=False)
    finally:
        run("make", "-C", build_dir, "uninstall")

    after = {path: fingerprint(path) for path in DISTRO_FILES}
    assert after == before
    assert not os.path.exists("/usr/bin/vtysh.distrib")
    assert run("dpkg-divert", "--list", "*vtysh*").stdout == ""
    assert run("dpkg-divert", "--list", "*frr-reload*").stdout == ""
