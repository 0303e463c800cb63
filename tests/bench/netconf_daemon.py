"""
A bgpd with the module and its NETCONF server, alone in a network
namespace, for the NETCONF benchmark and leak check: its keys laid out as
under /etc/frr/netconf, its start (optionally under a wrapper such as
valgrind) and stop, and a way into its namespace for the clients.
"""

import ctypes
import os
import shutil
import signal
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.abspath(os.environ.get("ER_BUILD_DIR", os.path.join(HERE, "..", "..")))
USERS = ("alice", "bob")


def run(*cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


class NetconfDaemon:
    """bgpd -M expressroute -M expressroute_netconf in netns, files in work
    (made by the caller); keys/<user> are the users' private keys."""

    def __init__(self, work, netns, port, wrapper=(), module_args=""):
        self.work, self.netns, self.port = work, netns, port
        self.keys = os.path.join(work, "keys")
        self.log = os.path.join(work, "bgpd.log")
        self.wrapper, self.module_args = list(wrapper), module_args
        self.process = None

    def key(self, user):
        return os.path.join(self.keys, user)

    def _make_files(self):
        os.chmod(self.work, 0o755)
        os.makedirs(self.keys)
        run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-m", "PEM",
            "-f", os.path.join(self.keys, "ssh_host_key"))
        for user in USERS:
            os.makedirs(os.path.join(self.keys, "users", user))
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", self.key(user))
            shutil.copy(self.key(user) + ".pub", os.path.join(self.keys, "users", user))
        with open(os.path.join(self.work, "bgpd.conf"), "w") as f:
            f.write("router bgp 64900\n no bgp ebgp-requires-policy\nexit\n")
        run("chown", "-R", "frr:frr", self.work)

    def start(self, timeout=120):
        """Start bgpd and wait for its NETCONF server to listen."""
        self._make_files()
        yang = run(os.path.join(BUILD, "tools", "prepare-netconf-yang")).stdout.strip()
        subprocess.run(["ip", "netns", "del", self.netns], capture_output=True)
        run("ip", "netns", "add", self.netns)
        run("ip", "netns", "exec", self.netns, "ip", "link", "set", "lo", "up")
        args = "port=%d,hostkey=%s,users=%s,yang=%s" % (
            self.port, os.path.join(self.keys, "ssh_host_key"),
            os.path.join(self.keys, "users"), yang)
        if self.module_args:
            args += "," + self.module_args
        bgpd = ["/usr/lib/frr/bgpd", "-Z", "-f", os.path.join(self.work, "bgpd.conf"),
                "-i", os.path.join(self.work, "bgpd.pid"), "--vty_socket", self.work,
                "--log", "file:" + self.log,
                "--moduledir", os.path.join(BUILD, ".libs"), "-M", "expressroute",
                "-M", "expressroute_netconf:" + args]
        self.process = subprocess.Popen(["ip", "netns", "exec", self.netns] + self.wrapper + bgpd,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + timeout
        while "netconf: listening" not in self.log_text():
            if time.time() > deadline or self.process.poll() is not None:
                raise RuntimeError("bgpd did not start its NETCONF server (see %s)" % self.log)
            time.sleep(0.5)

    def log_text(self):
        try:
            with open(self.log, errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def stop(self, timeout=120):
        """SIGTERM, as at a normal stop; then the namespace goes."""
        if self.process:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
        subprocess.run(["ip", "netns", "del", self.netns], capture_output=True)

    def enter(self):
        """Move this thread (and the sockets it opens from now on) into
        the daemon's network namespace."""
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        fd = os.open("/run/netns/%s" % self.netns, os.O_RDONLY)
        try:
            if libc.setns(fd, 0x40000000) != 0:
                raise OSError(ctypes.get_errno(), "setns")
        finally:
            os.close(fd)
