# SPDX-License-Identifier: GPL-2.0-or-later
"""
The commands of the ER-aware vtysh on FRR 10: vtysh_cmd.c and its split
files, made by FRR's own xref tooling (python/xrelfo.py and
python/xref2vtysh.py of the prepared FRR source) from the xref data of the
installed FRR's binaries plus the module's, the way FRR's build makes the
distro vtysh's from the binaries of its build tree.

FRR 10 has no extract.pl: vtysh learns every daemon's commands from the
FRRouting/XREF data compiled into each binary, and Debian's stripped
binaries still carry it.  xref2vtysh decides where vtysh sends a command
by the name the binary had in FRR's build tree (a daemon by its file name,
a module or a library by its directory) and, for lib/, by the source file:
so each installed file is read under the name it had there.

Run by the prepared source's clippy (it provides the _clippy module), from
its build directory: Debian builds FRR in a directory one level below the
source, and the source paths recorded in the binaries ("../lib/vty.c") are
relative to it.

  cd FRR_BUILD && ./lib/clippy vtysh-commands.py --frr-source DIR \\
      --bindir DIR --libdir DIR --moduledir DIR --module bgpd_x.so ... \\
      -c vtysh_cmd.c vtysh_cmd.1.c ...
"""

import argparse
import os
import sys

# Modules whose file name does not start with their daemon's name.
MODULE_DAEMON = {"dplane_fpm_nl.so": "zebra"}
# Libraries and their directory in FRR's build tree (other libfrr*: lib/).
LIBRARY_DIR = {
    "libmgmt_be_nb.so.0": "mgmtd",
    "libfrrospfapiclient.so.0": "ospfclient",
}
# Daemons built in another daemon's directory (xref2vtysh knows fabricd so).
DAEMON_DIR = {"fabricd": "isisd", "pim6d": "pimd"}
# This project's files in FRR's module directory, once it is installed
# (make install, the package): the module comes from --module instead, and
# the NETCONF part has no commands (nor a daemon in its name).
OWN_MODULES = ("bgpd_expressroute.so", "bgpd_expressroute_netconf.so",
               "expressroute_netconf_impl.so")


def fail(msg):
    sys.stderr.write("vtysh-commands: %s\n" % msg)
    sys.exit(1)


def is_elf(path):
    with open(path, "rb") as fd:
        return fd.read(4) == b"\x7fELF"


def installed_files(args):
    """(path, name in FRR's build tree) of each installed binary."""
    files = []
    daemons = set()
    for name in sorted(os.listdir(args.bindir)):
        path = os.path.join(args.bindir, name)
        if not os.path.isfile(path) or not is_elf(path):
            continue  # FRR's scripts (frr-reload.py, ...)
        daemons.add(name)
        files.append((path, "%s/%s" % (DAEMON_DIR.get(name, name), name)))
    for name in sorted(os.listdir(args.libdir)):
        if not name.endswith(".so.0"):
            continue
        if name in LIBRARY_DIR:
            files.append((os.path.join(args.libdir, name),
                          "%s/%s" % (LIBRARY_DIR[name], name)))
        elif name.startswith("libfrr"):
            files.append((os.path.join(args.libdir, name), "lib/" + name))
        else:
            fail("unknown FRR library %s: which directory of FRR's tree is it from?"
                 % name)
    modules = [os.path.join(args.moduledir, m)
               for m in sorted(os.listdir(args.moduledir))
               if m.endswith(".so") and m not in OWN_MODULES]
    for path in modules + args.module:
        name = os.path.basename(path)
        daemon = MODULE_DAEMON.get(name, name.split("_")[0])
        if daemon not in daemons:
            fail("module %s: no daemon %s in %s" % (path, daemon, args.bindir))
        files.append((path, "%s/%s" % (daemon, name)))
    return files


def check_source_paths(xref, frr_source, ours):
    """The installed binaries' commands must come from files of the
    prepared source, seen from here: else xref2vtysh would send lib's
    commands nowhere, and quietly."""
    top = os.path.realpath(frr_source) + os.sep
    for name, origins in xref["cli"].items():
        for origin, spec in origins.items():
            if origin in ours or "defun" not in spec:
                continue
            path = os.path.realpath(spec["defun"]["file"])
            if not path.startswith(top) or not os.path.exists(path):
                fail("%s (%s): its source %s is not in %s: run from the "
                     "prepared FRR source's build directory"
                     % (name, origin, spec["defun"]["file"], frr_source))


def main():
    argp = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    argp.add_argument("--frr-source", required=True)
    argp.add_argument("--bindir", required=True, help="FRR's daemons")
    argp.add_argument("--libdir", required=True, help="libfrr's directory")
    argp.add_argument("--moduledir", required=True, help="FRR's modules")
    argp.add_argument("--module", action="append", default=[],
                      help="a module of this build (bgpd_expressroute.so)")
    argp.add_argument("-c", dest="vtysh_cmds", nargs="+", required=True,
                      help="vtysh_cmd.c, then its split files")
    args = argp.parse_args()

    sys.path.insert(0, os.path.join(args.frr_source, "python"))
    import xrelfo  # noqa: E402
    from xref2vtysh import CommandEntry  # noqa: E402

    xref = xrelfo.Xrelfo()
    files = installed_files(args)
    for path, origin in files:
        xref.load_elf(path, origin)
    ours = {origin for path, origin in files if path in args.module}
    check_source_paths(xref, args.frr_source, ours)

    # as xrelfo.py -c writes them
    fds = [open(name + ".tmp", "w") for name in args.vtysh_cmds]
    CommandEntry.run(xref, list(fds))
    for fd in fds:
        fd.close()
    for name in args.vtysh_cmds:
        os.rename(name + ".tmp", name)
    sys.stderr.write("vtysh-commands: %d binaries, %d commands\n"
                     % (len(files), len(CommandEntry.all_defs)))


if __name__ == "__main__":
    main()
