#!/usr/bin/python3
"""
Compare what the module shows on each FRR release, for the same
configuration (tests/topotests/er_releases writes one file per release):
the module's running-config text, the neighbor lines it makes bgpd write,
and the key paths of every show command's JSON and of the YANG state.

    tests/releases/compare.py bookworm.json trixie.json forky.json

Prints each difference with the releases on either side; exits 1 if any.
"""

import json
import os
import sys


def load(name):
    with open(name) as f:
        return json.load(f)


def main(files):
    if len(files) < 2:
        sys.exit("usage: compare.py FILE FILE...  (one file per release)")
    releases = {os.path.splitext(os.path.basename(f))[0]: load(f) for f in files}
    first, base = next(iter(releases.items()))
    differences = 0
    for name, outputs in list(releases.items())[1:]:
        for part in ("running-config", "neighbor-lines"):
            if outputs[part] != base[part]:
                differences += 1
                print("%s: %s differs from %s's:" % (part, name, first))
                for line in base[part]:
                    if line not in outputs[part]:
                        print("  only on %s: %r" % (first, line))
                for line in outputs[part]:
                    if line not in base[part]:
                        print("  only on %s: %r" % (name, line))
                if set(base[part]) == set(outputs[part]):
                    print("  (the same lines in another order)")
        commands = set(base["json-keys"]) | set(outputs["json-keys"])
        for command in sorted(commands):
            ours = set(base["json-keys"].get(command, []))
            theirs = set(outputs["json-keys"].get(command, []))
            if ours != theirs:
                differences += 1
                print("%s: JSON keys differ between %s and %s:" % (command, first, name))
                for path in sorted(ours - theirs):
                    print("  only on %s: %s" % (first, path))
                for path in sorted(theirs - ours):
                    print("  only on %s: %s" % (name, path))
    names = ", ".join(releases)
    if differences:
        print("compare: %d difference(s) among %s" % (differences, names))
        return 1
    print("compare: %s: the same running-config (%d lines), neighbor lines (%d) and "
          "JSON keys of %d outputs" % (names, len(base["running-config"]),
                                      len(base["neighbor-lines"]), len(base["json-keys"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
