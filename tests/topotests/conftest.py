"""
pytest set-up for frr-expressroute's topotests.

The tests run on FRR's own topotest library (tests/topotests in the FRR
source prepared by tools/prepare-frr-source), unmodified.  This file:

- finds that library (FRR_TOPOTESTS_DIR) and the module's build
  (ER_BUILD_DIR: bgpd_expressroute.so in .libs/, the ER-aware vtysh);
- puts the ER-aware vtysh first on PATH, as the routers' shells inherit it;
- adapts FRR's checks to this platform: a kernel without /proc/modules
  (no loadable modules: MPLS is simply absent) and Debian's FRR package,
  which has no pim6d;
- keeps FRR's start-up cleanup from killing the routers of another run
  going on at the same time;
- on FRR 10, hands munet each router's namespace process only once that
  process has entered the topology's namespaces (see
  popen_after_nsenter below: otherwise two routers can share /etc/frr);
- looks for new backtraces in the daemons' logs as FRR 10 does, but reads
  the logs as bytes (FRR's check reads them as ASCII, and a refused
  non-ASCII input that `log commands` echoed failed every later test);
- then takes over FRR's own conftest hooks and fixtures.
"""

import glob
import importlib.util
import logging
import os
import sys
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))

FRR_TOPOTESTS_DIR = os.environ.get("FRR_TOPOTESTS_DIR")
if not FRR_TOPOTESTS_DIR or not os.path.isfile(
    os.path.join(FRR_TOPOTESTS_DIR, "lib", "topogen.py")
):
    raise RuntimeError(
        "FRR_TOPOTESTS_DIR must name tests/topotests of the prepared FRR "
        "source (tools/run-tests sets it)"
    )
ER_BUILD_DIR = os.path.abspath(
    os.environ.get("ER_BUILD_DIR", os.path.join(HERE, "..", ".."))
)
ER_MODULE_DIR = os.path.join(ER_BUILD_DIR, ".libs")
ER_VTYSH = os.path.join(ER_BUILD_DIR, "vtysh", "vtysh")
for required in (os.path.join(ER_MODULE_DIR, "bgpd_expressroute.so"), ER_VTYSH):
    if not os.path.exists(required):
        raise RuntimeError("%s missing: build the module first (make)" % required)

# The routers run `vtysh` by name: make it ours.
os.environ["PATH"] = os.path.dirname(ER_VTYSH) + os.pathsep + os.environ["PATH"]

sys.path.insert(0, FRR_TOPOTESTS_DIR)

import lib.topogen as frr_topogen  # noqa: E402
import lib.topotest as frr_topotest  # noqa: E402

_module_present_linux = frr_topotest.module_present_linux


def module_present_linux(module, load):
    """Without /proc/modules the kernel loads no modules: report absent."""
    if not os.path.exists("/proc/modules"):
        return False
    return _module_present_linux(module, load)


frr_topotest.module_present_linux = module_present_linux

import lib.micronet_compat as frr_micronet  # noqa: E402

# Where FRR's library looks for the routers of other runs: FRR 8's
# micronet_compat, FRR 10's munet (which took the same code along).
if hasattr(frr_micronet, "_get_other_pids"):
    frr_reaper = frr_micronet
else:
    import munet.cleanup as frr_reaper  # noqa: E402


def _abandoned_pids(*args, **kwargs):
    """FRR's start-up cleanup reaps the routers of every other topotest
    run whose pytest it believes dead, by looking for pytest's pid among
    the processes tagged MICRONET_PID (MUNET_PID in FRR 10).  pytest sets
    that variable after it started, so /proc never shows it on pytest
    itself, and a run started next to another killed the other's routers.
    Reap only the routers of runs whose pytest is really gone."""
    others = _frr_other_pids(*args, **kwargs)
    return {upid: pids for upid, pids in others.items()
            if not os.path.exists("/proc/%s" % upid)}


_frr_other_pids = frr_reaper._get_other_pids
frr_reaper._get_other_pids = _abandoned_pids

try:
    import munet.base as frr_munet  # noqa: E402
except ImportError:
    frr_munet = None  # FRR 8's micronet starts its namespaces itself


def popen_after_nsenter(self, cmd, **kwargs):
    """FRR 10's munet starts a router's namespace process (mutini) through
    nsenter into the topology's namespaces, then waits until the process's
    mount namespace differs from the topology's, taking that for mutini's
    unshare.  Looked at before nsenter has run, the process is still in
    pytest's own namespaces, which differ too: munet goes on at once, the
    router's private mounts (/etc/frr, /run/frr, /var/log) go into the
    topology's namespace, and the next router copies them: two routers
    then share /etc/frr and one starts with the other's configuration
    (seen on a busy machine and in the release machines, every time).
    Return the process only once it has left pytest's mount namespace."""
    proc = _frr_popen(self, cmd, **kwargs)
    program = cmd[0] if isinstance(cmd, (list, tuple)) and cmd else ""
    if os.path.basename(str(program)).startswith("mutini"):
        ours = os.readlink("/proc/self/ns/mnt")
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                if os.readlink("/proc/%d/ns/mnt" % proc.pid) != ours:
                    break
            except OSError:
                break  # gone: munet reports it
            time.sleep(0.001)
    return proc


if frr_munet:
    _frr_popen = frr_munet.Commander.popen
    frr_munet.Commander.popen = popen_after_nsenter

_spec = importlib.util.spec_from_file_location(
    "frr_conftest", os.path.join(FRR_TOPOTESTS_DIR, "conftest.py")
)
frr_conftest = importlib.util.module_from_spec(_spec)
sys.modules["frr_conftest"] = frr_conftest
_spec.loader.exec_module(frr_conftest)

# Daemons Debian's FRR does not ship; FRR's diagnostics insist on them.
ABSENT_DAEMONS = ("pim6d",)


class _Errors(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def diagnose_env(rundir):
    """FRR's diagnostics, minus the complaint about daemons Debian lacks."""
    errors = _Errors()
    frr_topogen.logger.addHandler(errors)
    try:
        if frr_topogen.diagnose_env(rundir):
            return True
    finally:
        frr_topogen.logger.removeHandler(errors)
    real = [
        m
        for m in errors.messages
        if not any(m.startswith("could not find %s" % d) for d in ABSENT_DAEMONS)
    ]
    return not real


frr_conftest.diagnose_env = diagnose_env


def check_for_backtraces(item=None):
    """Fail the test when a daemon's log has more "Backtrace:" lines than
    after the test before (FRR 10's check, on bytes; 10.7 passes the test
    item, which this check does not need)."""
    tgen = frr_topogen.get_topogen()
    if not tgen:
        return
    seen = tgen.__dict__.setdefault("er_backtraces_seen", {})
    grown = []
    for log in glob.glob(os.path.join(tgen.logdir, "*/*.log")):
        with open(log, "rb") as f:
            count = f.read().count(b"Backtrace:")
        if count and count != seen.get(log, 0):
            seen[log] = count
            grown.append(log)
    if grown:
        message = "New backtraces found in: " + ", ".join(grown)
        frr_topogen.logger.error(message)
        pytest.fail(message)


if hasattr(frr_conftest, "check_for_backtraces"):
    frr_conftest.check_for_backtraces = check_for_backtraces

from frr_conftest import *  # noqa: E402,F401,F403
