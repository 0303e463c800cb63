"""
make install into the distro's FRR, FRR started by its own init script,
then make uninstall: every distro file comes back byte for byte, with its
owner and mode.
"""

import hashlib
import os
import re
import subprocess
import tempfile
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


def frrinit(action, check=True):
    """The init script, its output in a file as an init system keeps it:
    FRR 10's watchfrr keeps the descriptors it was started with, so a
    pipe to it never reaches its end."""
    with tempfile.TemporaryFile(mode="w+") as out:
        done = subprocess.run([FRRINIT, action], stdout=out,
                              stderr=subprocess.STDOUT, timeout=120)
        out.seek(0)
        output = out.read()
    if check:
        assert done.returncode == 0, "frrinit.sh %s: %s" % (action, output)
    return output


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

        frrinit("start")
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
            frrinit("stop", check=False)
    finally:
        run("make", "-C", build_dir, "uninstall")

    after = {path: fingerprint(path) for path in DISTRO_FILES}
    assert after == before
    assert not os.path.exists("/usr/bin/vtysh.distrib")
    assert run("dpkg-divert", "--list", "*vtysh*").stdout == ""
    assert run("dpkg-divert", "--list", "*frr-reload*").stdout == ""


NETCONF_DIR = "/etc/frr/netconf"


def test_netconf_after_install(build_dir, bgpd_enabled, tmp_path):
    """The installed NETCONF module, started by the distro's init script
    with its defaults (keys under /etc/frr/netconf, loopback, port 830),
    serves the model to ncclient; uninstall takes -M expressroute_netconf
    out of bgpd_options with the rest."""
    from ncclient import manager

    before = fingerprint(DAEMONS)
    assert not os.path.exists(NETCONF_DIR)
    run("make", "-C", build_dir, "install")
    try:
        moduledir = make_variable(build_dir, "FRR_MODULEDIR")
        for so in ("bgpd_expressroute_netconf.so", "expressroute_netconf_impl.so"):
            assert os.path.exists(os.path.join(moduledir, so)), so
        # the operator's steps, as doc/netconf.rst gives them
        os.makedirs(os.path.join(NETCONF_DIR, "users", "alice"))
        run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-m", "PEM",
            "-f", os.path.join(NETCONF_DIR, "ssh_host_key"))
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / "alice"))
        run("cp", str(tmp_path / "alice.pub"), os.path.join(NETCONF_DIR, "users", "alice"))
        run("chown", "-R", "frr:frr", NETCONF_DIR)
        run("sed", "-i", r's/^\(bgpd_options=".*\)"$/\1 -M expressroute_netconf"/', DAEMONS)

        frrinit("start")
        try:
            def session():
                try:
                    return manager.connect(
                        host="127.0.0.1", port=830, username="alice",
                        key_filename=str(tmp_path / "alice"), hostkey_verify=False,
                        look_for_keys=False, allow_agent=False, timeout=10,
                        password="")
                except Exception:
                    return None

            m = wait_for(session)
            assert m, "no NETCONF session on 127.0.0.1:830"
            try:
                assert m.get_schema("frr-expressroute").data.startswith(
                    "module frr-expressroute {")
                assert "<data" in m.get_config(source="running").data_xml
            finally:
                m.close_session()
        finally:
            frrinit("stop", check=False)
    finally:
        run("make", "-C", build_dir, "uninstall")
        run("rm", "-rf", NETCONF_DIR)
    assert fingerprint(DAEMONS) == before
    assert not os.path.exists(os.path.join(make_variable(build_dir, "FRR_MODULEDIR"),
                                           "bgpd_expressroute_netconf.so"))
