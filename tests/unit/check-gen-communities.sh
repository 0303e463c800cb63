#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tools/gen-communities.py: the data file makes a table, and a bad line
# is refused with its line number (a value given twice, a regional value
# in another column, a key given twice, a malformed line).
# Automake TESTS protocol: exit 0 pass, 1 fail.

top=${srcdir:-$(dirname "$0")/../..}
gen=$top/tools/gen-communities.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

if python3 "$gen" "$top/plugin/er_communities.txt" "$tmp/table.c" &&
	grep -q '{"westeurope", "West Europe", 2, {50002, 51002' "$tmp/table.c"; then
	echo "PASS: the data file makes the table"
else
	echo "FAIL: the data file does not make the table"
	fail=1
fi

refused() { # name, expected message, data lines...
	name=$1 words=$2
	shift 2
	printf '%s\n' "$@" >"$tmp/$name.txt"
	if python3 "$gen" "$tmp/$name.txt" "$tmp/$name.c" 2>"$tmp/$name.err"; then
		echo "FAIL: $name accepted"
		fail=1
	elif grep -q "$words" "$tmp/$name.err"; then
		echo "PASS: $name refused ($(cat "$tmp/$name.err"))"
	else
		echo "FAIL: $name: $(cat "$tmp/$name.err"), expected $words"
		fail=1
	fi
}

EUS='region|eastus|East US|North America|50004|51004|52004|53004|54004|55004'
refused value-twice "12076:51004 given twice (line 1)" "$EUS" \
	'region|eastus2|East US 2|North America|50005|51004|-|-|-|-'
refused wrong-column ":2: eastus2: 52005 is not a microsoft value" "$EUS" \
	'region|eastus2|East US 2|North America|-|52005|-|-|-|-'
refused key-twice "eastus given twice (line 1)" "$EUS" \
	'service|eastus|Exchange Online|Global|5010'
refused malformed ":1: not a region or service line" 'region|eastus|East US'
refused bad-key "bad key 'East US'" 'service|East US|Exchange Online|Global|5010'
exit $fail
