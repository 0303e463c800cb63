#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""
Fail when the module's object files import from each other in a cycle.

Each object file is a node; A -> B when A uses a symbol (nm: U) that B
defines (T, D, B, R, ...).  A strongly connected group of two or more
objects is a cycle: no file of it can be understood, tested or replaced
without the others.  The layering this protects is in doc/design.rst.

usage: check-cycles.py OBJECT...
Prints each object's imports (by object), then either "no cycle" or each
cycle, and exits 1 on a cycle.  Object names are shown without libtool's
"<library>_la-" prefix and the ".o" suffix.
"""

import os
import re
import subprocess
import sys


def short_name(path):
    name = os.path.basename(path)
    name = re.sub(r"^.*_la-", "", name)
    return re.sub(r"\.o$", "", name)


def symbols(path):
    """(defined, undefined) symbol names of one object file."""
    out = subprocess.run(["nm", "--format=posix", path], check=True,
                         capture_output=True, text=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        fields = line.split()
        if len(fields) < 2:
            continue
        name, kind = fields[0], fields[1]
        if kind == "U":
            undefined.add(name)
        elif kind.isupper() and kind not in "NW":
            defined.add(name)
    return defined, undefined


def graph(objects):
    defined, undefined = {}, {}
    for path in objects:
        defined[path], undefined[path] = symbols(path)
    owner = {}
    for path, names in defined.items():
        for name in names:
            owner.setdefault(name, path)
    edges = {path: {} for path in objects}
    for path, names in undefined.items():
        for name in names:
            target = owner.get(name)
            if target and target != path:
                edges[path].setdefault(target, set()).add(name)
    return edges


def strongly_connected(edges):
    """Tarjan's algorithm, iterative; groups of two or more nodes."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []
    counter = [0]

    for root in edges:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def main(objects):
    if not objects:
        print(__doc__.strip().split("\n\n")[2])
        return 2
    edges = graph(objects)
    for path in sorted(edges, key=short_name):
        targets = sorted(short_name(t) for t in edges[path])
        print("%-16s -> %s" % (short_name(path), ", ".join(targets) or "-"))
    groups = strongly_connected(edges)
    if not groups:
        print("no cycle among %d objects" % len(objects))
        return 0
    for group in groups:
        members = set(group)
        print("CYCLE: %s" % " <-> ".join(short_name(m) for m in group))
        for path in group:
            for target, names in sorted(edges[path].items()):
                if target in members:
                    print("  %s uses %s from %s" % (short_name(path),
                          ", ".join(sorted(names)), short_name(target)))
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
