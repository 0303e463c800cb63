#!/usr/bin/python3
"""
Reads valgrind memcheck reports of bgpd and counts the "definitely lost"
and "indirectly lost" records, and those whose stack passes through the
project's modules (bgpd_expressroute.so, the NETCONF module and its
implementation, their functions and files).  Prints a line per
report and each of the project's records; exit status 1 if there is any,
or no report at all.

usage: valgrind_report.py LABEL REPORT...
"""

import re
import sys

RECORD = re.compile(r"^==\d+== (\S+ (?:\([^)\n]*\) )?bytes in \S+ blocks "
                    r"are (?:definitely|indirectly) lost[^\n]*"
                    r"(?:\n==\d+== {2,}\S[^\n]*)*)", re.M)
# (libnetconf2's own functions are nc_* too: ours are told by file name)
OURS = re.compile(r"(?:bgpd_)?expressroute(?:_netconf(?:_impl)?)?\.so"
                  r"|: (?:er|expressroute)_\w+ \(|\((?:er|nc)_\w+\.[ch]:")


def main(label, paths):
    lost = ours_total = 0
    for path in paths:
        text = open(path, errors="replace").read()
        records = RECORD.findall(text)
        ours = [r for r in records if OURS.search(r)]
        lost += len(records)
        ours_total += len(ours)
        summary = re.search(r"ERROR SUMMARY: (\d+) errors", text)
        totals = dict(re.findall(r"(definitely|indirectly) lost: ([\d,]+ bytes)", text))
        print("%s: %s: %d lost records, %d through the project's modules; %s; "
              "definitely lost %s, indirectly lost %s"
              % (label, path.rsplit("/", 1)[-1], len(records), len(ours),
                 "%s errors" % summary.group(1) if summary else "no summary",
                 totals.get("definitely", "-"), totals.get("indirectly", "-")))
        for record in ours:
            print(re.sub(r"==\d+== ", "    ", record))
    print("%s: %d valgrind reports of bgpd, %d definitely/indirectly lost records "
          "in all, %d from the project's modules" % (label, len(paths), lost, ours_total))
    return 1 if ours_total or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
