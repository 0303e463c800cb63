"""
The module refuses to load into an FRR other than the one it was built
against, and says so naming both versions.  A copy of the module built to
claim FRR "0.0-mismatch" (make check) stands in for a module built against
another FRR.
"""

import os
import shutil
import subprocess
import tempfile

BGPD = "/usr/lib/frr/bgpd"


def installed_version():
    out = subprocess.run([BGPD, "--version"], capture_output=True, text=True)
    return out.stdout.split("\n")[0].split()[-1]


def start_bgpd(module, rundir, seconds=10):
    """bgpd in a network namespace of its own, logging to stdout."""
    cmd = [
        "unshare", "-n", BGPD,
        "-M", module,
        "-f", "/dev/null",
        "-i", os.path.join(rundir, "bgpd.pid"),
        "-z", os.path.join(rundir, "zserv.api"),
        "--vty_socket", rundir,
        "--log", "stdout",
    ]
    # bgpd drops to FRR's own user, which must own its run directory
    shutil.chown(rundir, "frr", "frr")
    return subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def test_mismatched_module_is_refused(build_dir):
    module = os.path.join(build_dir, "tests", ".libs",
                          "bgpd_expressroute_mismatch.so")
    assert os.path.exists(module), "run make check to build %s" % module
    with tempfile.TemporaryDirectory() as rundir:
        bgpd = start_bgpd(module, rundir)
        output, _ = bgpd.communicate(timeout=30)
    # exit status 1, as FRR exits when a module does not load (not a crash)
    assert bgpd.returncode == 1, (bgpd.returncode, output)
    assert (
        "module built for FRR 0.0-mismatch, but libfrr is FRR %s" % installed_version()
        in output
    ), output
    assert "refusing to load" in output


def test_matching_module_loads(build_dir):
    module = os.path.join(build_dir, ".libs", "bgpd_expressroute.so")
    with tempfile.TemporaryDirectory() as rundir:
        bgpd = start_bgpd(module, rundir)
        try:
            output, _ = bgpd.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            bgpd.terminate()
            output, _ = bgpd.communicate(timeout=30)
    assert "expressroute: module ready" in output, output
    assert "refusing to load" not in output
