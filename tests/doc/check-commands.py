#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""
Check that doc/commands.rst documents exactly the commands the module has.

Code side: every DEFPY*/DEFUN*/ALIAS* (and vtysh's DEFSH*/DEFUNSH*)
definition in the module's CLI files (plugin/er_cli.c, plugin/er_show.c,
plugin/er_metrics.c),
each read on its own. Its command string is the quoted argument,
possibly split across adjacent string literals or built with string macros
#defined in the same file. DEFPY's "$name" variable bindings are removed
("WORD$name" is written "WORD"). A command counts when its file installs
it (install_element or _install_element, also through a helper function
that takes the node as its argument). Hidden commands (*_HIDDEN) need no
documentation.

Doc side: doc/commands.rst writes every command as a definition-list term
that is a single inline literal on a line of its own, preceded by an
".. index::" entry with the same text (nested terms for separate `no`
forms). Every such term and every index entry is a command entry.

The check fails (exit 1) when:
  - an installed command has no entry in commands.rst (docs fell behind);
  - an entry in commands.rst is not an installed command (docs invent);
  - a term has no index entry, or an index entry has no term;
  - an entry appears twice;
  - a command string cannot be read (unknown macro in it).
It prints one line per command checked and a summary.

usage: check-commands.py [--code FILE ...] [--doc doc/commands.rst]
Paths are relative to the repository root (two levels above this script).
"""

import argparse
import os
import re
import sys

TOP = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

# Macros that define a command; the index of the command string argument.
DEFINITION = re.compile(r"^[ \t]*((?:DEFPY|DEFUN|ALIAS|DEFSH|DEFUNSH)\w*)[ \t]*\(", re.M)
INSTALL = re.compile(r"\b_?install_element\s*\(\s*(\w+)\s*,\s*&\s*(\w+)\s*\)")
FUNCTION = re.compile(r"^\w[^;{}()]*?\b(\w+)\s*\([^;{}]*\)\s*\{", re.M)
DEFINE = re.compile(r"^[ \t]*#[ \t]*define[ \t]+(\w+)[ \t]+(.*?)[ \t]*$", re.M)
VARIABLE = re.compile(r"\$[A-Za-z_][A-Za-z0-9_]*")

DOC_TERM = re.compile(r"^([ \t]*)``([^`]+)``[ \t]*$")
DOC_INDEX = re.compile(r"^[ \t]*\.\.[ \t]+index::[ \t]*(.+?)[ \t]*$")


class CheckError(Exception):
    pass


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def strip_comments(text):
    """Blank out C comments, keeping string literals and line numbers."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def split_arguments(text, start):
    """Arguments of the macro call whose '(' is at text[start]."""
    args, depth, i, begin = [], 0, start, start + 1
    n = len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append(text[begin:i])
                return args
        elif c == "," and depth == 1:
            args.append(text[begin:i])
            begin = i + 1
        i += 1
    raise CheckError("unterminated macro call at line %d" % line_of(text, start))


def unescape(literal):
    return bytes(literal, "utf-8").decode("unicode_escape")


def string_value(expr, macros, seen=()):
    """The value of adjacent string literals and string macros."""
    value = []
    pos = 0
    token = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|([A-Za-z_]\w*))', re.S)
    expr = expr.strip()
    while pos < len(expr):
        m = token.match(expr, pos)
        if not m:
            raise CheckError("cannot read %r" % expr)
        if m.group(1) is not None:
            value.append(unescape(m.group(1)))
        else:
            name = m.group(2)
            if name not in macros or name in seen:
                raise CheckError("unknown macro %s in %r" % (name, expr))
            value.append(string_value(macros[name], macros, seen + (name,)))
        pos = m.end()
        while pos < len(expr) and expr[pos].isspace():
            pos += 1
    return "".join(value)


def normalise(command):
    return " ".join(VARIABLE.sub("", command).split())


def code_commands(path):
    """{command: [(cmd_name, line, hidden)]}, {cmd_name: [nodes]}."""
    with open(path) as f:
        text = strip_comments(f.read())
    macros = {m.group(1): m.group(2) for m in DEFINE.finditer(text)}
    commands = {}
    for m in DEFINITION.finditer(text):
        macro = m.group(1)
        args = split_arguments(text, m.end() - 1)
        index = 3 if macro.startswith("DEFUNSH") else 2
        name_index = index - 1
        if len(args) <= index:
            raise CheckError("%s at line %d: too few arguments" % (macro, line_of(text, m.start())))
        line = line_of(text, m.start())
        try:
            command = normalise(string_value(args[index], macros))
        except CheckError as err:
            raise CheckError("%s at line %d: %s" % (macro, line, err))
        commands.setdefault(command, []).append(
            (args[name_index].strip(), line, macro.endswith("_HIDDEN"))
        )
    installed = {}
    for m in INSTALL.finditer(text):
        for node in install_nodes(text, m.start(), m.group(1)):
            installed.setdefault(m.group(2), []).append(node)
    return commands, installed


def install_nodes(text, offset, node):
    """The node(s) of an install_element() call. A node that is a parameter
    of a helper (`helper(enum node_type node)`) is resolved through the
    calls of that helper."""
    if not node[:1].islower():
        return [node]
    functions = [m for m in FUNCTION.finditer(text, 0, offset)]
    if not functions:
        return [node]
    helper = functions[-1].group(1)
    calls = re.findall(r"\b%s\s*\(\s*(\w+)\s*\)\s*;" % re.escape(helper), text)
    return calls or [node]


def doc_entries(path):
    """[(text, line)] of terms and of index entries."""
    terms, index = [], []
    with open(path) as f:
        for number, line in enumerate(f, 1):
            m = DOC_TERM.match(line.rstrip("\n"))
            if m:
                terms.append((normalise(m.group(2)), number))
                continue
            m = DOC_INDEX.match(line.rstrip("\n"))
            if m:
                index.append((normalise(m.group(1)), number))
    return terms, index


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", nargs="+",
                        default=["plugin/er_cli.c", "plugin/er_show.c",
                                 "plugin/er_metrics.c"])
    parser.add_argument("--doc", default="doc/commands.rst")
    opts = parser.parse_args()
    doc_path = os.path.join(TOP, opts.doc)

    commands, installed, where_defined = {}, {}, {}
    try:
        for code in opts.code:
            file_commands, file_installed = code_commands(os.path.join(TOP, code))
            for command, defs in file_commands.items():
                commands.setdefault(command, []).extend(defs)
                where_defined.setdefault(command, code)
            for name, nodes in file_installed.items():
                installed.setdefault(name, []).extend(nodes)
        terms, index = doc_entries(doc_path)
    except (OSError, CheckError) as err:
        print("error: %s" % err)
        return 1

    term_lines = {}
    for text, number in terms:
        term_lines.setdefault(text, []).append(number)
    index_lines = {}
    for text, number in index:
        index_lines.setdefault(text, []).append(number)

    failures = 0
    required = documented = missing = 0
    for command in sorted(commands, key=lambda c: min(d[1] for d in commands[c])):
        defs = commands[command]
        nodes = sorted({n for name, _, _ in defs for n in installed.get(name, [])})
        hidden = all(h for _, _, h in defs)
        where = "%s:%d" % (where_defined[command], defs[0][1])
        if not nodes:
            if command in term_lines:
                print("INVENTED  %-60s defined at %s but never installed, yet documented"
                      % (command, where))
                failures += 1
            else:
                print("skip      %-60s defined at %s but never installed" % (command, where))
            continue
        if hidden and command not in term_lines:
            print("hidden    %-60s [%s] hidden, not documented" % (command, ", ".join(nodes)))
            continue
        required += 1
        if command in term_lines:
            documented += 1
            print("ok        %-60s [%s] %s:%d"
                  % (command, ", ".join(nodes), opts.doc, term_lines[command][0]))
        else:
            missing += 1
            failures += 1
            print("MISSING   %-60s [%s] %s, not in %s" % (command, ", ".join(nodes), where, opts.doc))

    known = {c for c, defs in commands.items()
             if any(installed.get(name) for name, _, _ in defs)}
    unknown = 0
    for text, numbers in sorted(term_lines.items(), key=lambda t: t[1][0]):
        where = "%s:%d" % (opts.doc, numbers[0])
        if text not in known:
            print("UNKNOWN   %-60s %s: no such command in %s" % (text, where, " ".join(opts.code)))
            failures += 1
            unknown += 1
        if len(numbers) > 1:
            print("DUPLICATE %-60s %s: documented %d times (lines %s)"
                  % (text, where, len(numbers), ", ".join(map(str, numbers))))
            failures += 1
        if text not in index_lines:
            print("NOINDEX   %-60s %s: no '.. index::' entry with this text" % (text, where))
            failures += 1
    for text, numbers in sorted(index_lines.items(), key=lambda t: t[1][0]):
        where = "%s:%d" % (opts.doc, numbers[0])
        if text not in term_lines:
            print("NOTERM    %-60s %s: index entry without a command term" % (text, where))
            failures += 1
            if text not in known:
                unknown += 1
        if len(numbers) > 1:
            print("DUPLICATE %-60s %s: indexed %d times" % (text, where, len(numbers)))
            failures += 1

    print("summary: %d commands installed by %s: %d documented, %d missing; "
          "%d command entries in %s: %d unknown; %d problems: %s"
          % (required, " ".join(opts.code), documented, missing, len(term_lines), opts.doc,
             unknown, failures, "FAIL" if failures else "PASS"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
