#!/usr/bin/python3
"""
Teach FRR's frr-reload.py the ExpressRoute module's configuration contexts.

frr-reload.py knows FRR's multi-line contexts from a table in its source; a
context it does not know is read as plain lines of its parent, so a diff
would re-create or lose circuits.  This reads the distro's script and writes
a copy with:
  - `expressroute circuit NAME` -> `peering TYPE` in the `router bgp` table;
  - a rule that skips a peering whose circuit is deleted as a whole
    (re-entering the circuit to delete the peering would re-create it).
  - the neighbors the module makes for its circuits (description
    "ExpressRoute ...") are left to the module: their lines are neither
    deleted nor added, the circuits decide.
All are anchored on lines that FRR 8.4's, 10.3's and 10.7's scripts
share; an anchor that is missing is an error, never a silent partial
edit.

usage: frr-reload-contexts.py DISTRO_SCRIPT OUTPUT
"""

import sys

MARK = "# frr-expressroute"

CONTEXT_ANCHOR = '"bmp targets ": {},'
CONTEXT = '"expressroute circuit ": {"peering ": {}},  %s' % MARK

RULE_ANCHOR = "# same thing for a pseudowire sub-context inside an l2vpn context"
RULE = [
    "%s: a peering of a circuit deleted as a whole goes with it" % MARK,
    "elif (",
    "    len(running_ctx_keys) > 2",
    '    and running_ctx_keys[1].startswith("expressroute circuit ")',
    "    and (running_ctx_keys[:2], None) in lines_to_del",
    "):",
    "    continue",
    "",
]


# the end of compare_context_objects(), where both lists are complete
NEIGHBORS_ANCHOR = (
    "# if we have some candidate paths commands to add, append them to lines_to_add"
)
NEIGHBORS = [
    "%s: neighbors made by the module follow its circuits" % MARK,
    "def _er_managed(config):",
    "    found = set()",
    "    for keys, ctx in iteritems(config.contexts):",
    "        for line in ctx.lines if keys[0].startswith(\"router bgp \") else []:",
    "            m = re.match(r\"neighbor (\\S+) description ExpressRoute \", line)",
    "            if m:",
    "                found.add((keys[0], m.group(1)))",
    "    return found",
    "",
    "def _er_keep(entries, managed):",
    "    return [",
    "        (keys, line)",
    "        for keys, line in entries",
    "        if not (",
    "            line",
    "            and line.startswith(\"neighbor \")",
    "            and (keys[0], line.split()[1]) in managed",
    "        )",
    "    ]",
    "",
    "lines_to_del = _er_keep(lines_to_del, _er_managed(running))",
    "lines_to_add = _er_keep(lines_to_add, _er_managed(newconf))",
    "",
]


def teach(text):
    lines = text.split("\n")
    if any(MARK in line for line in lines):
        raise ValueError("already contains the ExpressRoute contexts")
    out = []
    found = set()
    for line in lines:
        indent = line[: len(line) - len(line.lstrip())]
        if line.strip() == RULE_ANCHOR:
            out.extend((indent + r).rstrip() for r in RULE)
            found.add("rule")
        if line.strip() == NEIGHBORS_ANCHOR:
            out.extend((indent + r).rstrip() for r in NEIGHBORS)
            found.add("neighbors")
        out.append(line)
        if line.strip() == CONTEXT_ANCHOR:
            out.append(indent + CONTEXT)
            found.add("context")
    missing = {"context", "rule", "neighbors"} - found
    if missing:
        raise ValueError("anchor not found for: %s" % ", ".join(sorted(missing)))
    return "\n".join(out)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().split("\n")[-1])
    with open(sys.argv[1]) as f:
        text = f.read()
    try:
        text = teach(text)
    except ValueError as err:
        sys.exit("frr-reload-contexts: %s: %s" % (sys.argv[1], err))
    with open(sys.argv[2], "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
