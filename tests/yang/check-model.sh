#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Validate yang/frr-expressroute.yang with yanglint:
#  - the model itself compiles without errors or warnings, and
#    doc/frr-expressroute.tree is its `yanglint -f tree` output;
#  - every example under yang/examples/ is accepted as configuration data;
#  - every file under tests/yang/valid/ is accepted as the data type its name
#    carries (NAME.TYPE.xml|json, TYPE one of yanglint's -t types); operational
#    data (data, get) is skipped while the model has no config-false nodes;
#  - every file under tests/yang/invalid/ is rejected, and yanglint's error
#    output contains each expected string: "<!-- expect: TEXT -->" lines at
#    the top of an XML file, or the lines of FILE.expect next to a JSON file.
#    Expectations are text that the yanglint of libyang 2, 3 and 6 (Debian
#    12, 13, forky) all print: libyang 6 says "does not match" where the
#    others say "does not conform", and names some places by their schema
#    path, without the list keys.
#
# Automake TESTS protocol: exit 0 pass, 1 fail, 77 skip (no yanglint).
# The source tree is taken from $srcdir, else from this script's location.
# YANGLINT may name the yanglint binary.

YANGLINT=${YANGLINT:-yanglint}

top=
if [ -n "${srcdir:-}" ] && [ -f "$srcdir/yang/frr-expressroute.yang" ]; then
	top=$srcdir
elif [ -n "${srcdir:-}" ] && [ -f "$srcdir/../../yang/frr-expressroute.yang" ]; then
	top=$srcdir/../..
else
	here=$(dirname "$0")
	top=$here/../..
fi
model=$top/yang/frr-expressroute.yang

if [ ! -f "$model" ]; then
	echo "FAIL: cannot find yang/frr-expressroute.yang (srcdir=${srcdir:-unset})"
	exit 1
fi
if ! command -v "$YANGLINT" >/dev/null 2>&1; then
	echo "SKIP: $YANGLINT not found (Debian: apt-get install libyang2-tools)"
	exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/er-yang.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

failed=0
count=0

pass() {
	count=$((count + 1))
	echo "PASS: $1"
}

fail() {
	count=$((count + 1))
	failed=$((failed + 1))
	echo "FAIL: $1"
	if [ -s "$tmp/err" ]; then
		sed 's/^/    /' "$tmp/err"
	fi
}

# Print the strings a rejected file's error output must contain.
expectations() {
	case $1 in
	*.xml)
		sed -n 's/^<!-- expect: \(.*\) -->$/\1/p' "$1"
		;;
	*)
		if [ -f "$1.expect" ]; then
			cat "$1.expect"
		fi
		;;
	esac
}

# 1. The model.
if "$YANGLINT" "$model" >"$tmp/out" 2>"$tmp/err"; then
	if [ -s "$tmp/err" ]; then
		fail "model: yanglint printed diagnostics"
	else
		pass "model: yang/frr-expressroute.yang"
	fi
else
	fail "model: yanglint rejected yang/frr-expressroute.yang"
fi

if "$YANGLINT" -f tree "$model" >"$tmp/out" 2>"$tmp/err" &&
	grep -q 'verdict-change' "$tmp/out"; then
	pass "model: tree output"
else
	fail "model: yanglint -f tree"
fi

# The tree in the user guide is the model's.
if [ -f "$top/doc/frr-expressroute.tree" ]; then
	if diff -u "$top/doc/frr-expressroute.tree" "$tmp/out" >"$tmp/err"; then
		pass "model: doc/frr-expressroute.tree is up to date"
	else
		fail "model: doc/frr-expressroute.tree differs from yanglint -f tree (regenerate it)"
	fi
fi

# 2. Valid examples (configuration data).
for f in "$top"/yang/examples/*.xml "$top"/yang/examples/*.json; do
	[ -f "$f" ] || continue
	name=yang/examples/$(basename "$f")
	if "$YANGLINT" -t config "$model" "$f" >"$tmp/out" 2>"$tmp/err"; then
		pass "accepted $name"
	else
		fail "rejected valid $name"
	fi
done

# 3. Other valid instance data (operational data, notifications).
for f in "$top"/tests/yang/valid/*.xml "$top"/tests/yang/valid/*.json; do
	[ -f "$f" ] || continue
	base=$(basename "$f")
	name=tests/yang/valid/$base
	type=${base%.*}
	type=${type##*.}
	case $type in
	data | config | get | getconfig | edit | notif)
		;;
	*)
		: >"$tmp/err"
		fail "$name: no data type in its name (NAME.TYPE.xml)"
		continue
		;;
	esac
	case $type in
	data | get)
		# Operational data needs the model's config-false nodes.
		if ! grep -q 'config false' "$model"; then
			echo "SKIP: $name (the model has no operational state)"
			continue
		fi
		;;
	esac
	if "$YANGLINT" -t "$type" "$model" "$f" >"$tmp/out" 2>"$tmp/err"; then
		pass "accepted $name (-t $type)"
	else
		fail "rejected valid $name (-t $type)"
	fi
done

# 4. Invalid configuration data: must be rejected, for the expected reason.
for f in "$top"/tests/yang/invalid/*.xml "$top"/tests/yang/invalid/*.json; do
	[ -f "$f" ] || continue
	name=tests/yang/invalid/$(basename "$f")
	expectations "$f" >"$tmp/expect"
	if [ ! -s "$tmp/expect" ]; then
		: >"$tmp/err"
		fail "$name: no expected error given"
		continue
	fi
	if "$YANGLINT" -t config "$model" "$f" >"$tmp/out" 2>"$tmp/err"; then
		fail "accepted invalid $name"
		continue
	fi
	missing=
	while IFS= read -r want; do
		[ -n "$want" ] || continue
		if ! grep -qF -- "$want" "$tmp/err"; then
			missing=$want
			break
		fi
	done <"$tmp/expect"
	if [ -n "$missing" ]; then
		fail "rejected $name, but not with: $missing"
	else
		pass "rejected $name ($(head -n 1 "$tmp/expect"))"
	fi
done

if [ "$failed" -ne 0 ]; then
	echo "$failed of $count YANG checks failed"
	exit 1
fi
echo "all $count YANG checks passed"
exit 0
