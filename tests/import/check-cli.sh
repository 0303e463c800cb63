#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# make check: frr-expressroute-import's command line, on the fixtures of
# tests/import/fixtures: what it prints, its exit status, standard input,
# the options, the YANG JSON against the model (yanglint), check mode on a
# saved router state, and that a bad input prints nothing but errors.
#
#   tests/import/check-cli.sh        (from the build directory)
# Environment: IMPORT_TOOL (default ./frr-expressroute-import), YANGLINT,
# srcdir (automake).

set -u
top=${srcdir:-$(dirname "$0")/../..}
tool=${IMPORT_TOOL:-./frr-expressroute-import}
fx=$top/tests/import/fixtures
model=$top/yang/frr-expressroute.yang
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
count=0

# run NAME RC STDERR-TEXT [STDOUT-TEXT] -- ARGS...: the exit status, a
# text in standard error ("" for none expected) and in standard output
# ("-" for an empty one).
run() {
	name=$1 rc=$2 err=$3 out=$4
	shift 5
	count=$((count + 1))
	"$tool" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	got=$?
	problem=
	if [ "$got" -ne "$rc" ]; then
		problem="exit status $got, expected $rc"
	elif [ -n "$err" ] && ! grep -qF -- "$err" "$tmp/err"; then
		problem="stderr lacks: $err"
	elif [ "$out" = - ] && [ -s "$tmp/out" ]; then
		problem="stdout not empty"
	elif [ -n "$out" ] && [ "$out" != - ] && ! grep -qF -- "$out" "$tmp/out"; then
		problem="stdout lacks: $out"
	fi
	if [ -n "$problem" ]; then
		echo "FAIL: $name: $problem"
		sed 's/^/    stdout: /' "$tmp/out" | head -20
		sed 's/^/    stderr: /' "$tmp/err" | head -20
		failed=$((failed + 1))
	else
		echo "PASS: $name"
	fi
}

lab="$fx/arm-circuit-get.json $fx/lab-peerings.json"
published="$fx/arm-circuit-get.json $fx/arm-peering-list.json"
long_vrf=vrf-name-longer-than-thirty-six-chars

# shellcheck disable=SC2086
{
run "import prints vtysh lines" 0 "warning: $fx/lab-peerings.json: value[0].properties.routeFilter" \
	" expressroute circuit circuitName" -- --asn 100 $lab
run "the header names the documents" 0 "" \
	"! frr-expressroute-import " -- --asn 100 $lab
run "warnings are comments in the output too" 0 "" \
	"! warning: $fx/arm-circuit-get.json: properties.serviceProviderProvisioningState" -- --asn 100 $lab
run "no --asn: not guessed" 2 \
	"error: --asn: the CE's ASN is not guessed: give the ASN of its BGP instance (Azure expects AS 100)" \
	- -- $lab
run "--asn not what Azure expects" 2 \
	"value[0].properties.peerASN: Azure expects the CE in AS 100, but the CE's ASN (--asn) is 65010" \
	- -- --asn 65010 $lab
run "--asn not a number" 2 "--asn: '12x' is not an ASN" - -- --asn 12x $lab
run "Azure's peering list as published: refused" 2 \
	"overlaps microsoft peering IPv6 primary subnet 3ffe:ffff:0:cd30::/126" \
	- -- --asn 100 $published
run "the refusal says how to import it" 2 \
	"); to terminate the peerings in two VRFs, give --private-vrf NAME" \
	- -- --asn 100 $published
run "--private-vrf: the published list in two VRFs" 0 "" "router bgp 100 vrf er-private" \
	-- --asn 100 --private-vrf er-private $published
run "--microsoft-vrf: the published list in two VRFs" 0 "" "router bgp 100 vrf er-ms" \
	-- --asn 100 --microsoft-vrf er-ms $published
run "--private-vrf the same as --vrf: one VRF, refused" 2 "give --private-vrf NAME" \
	- -- --asn 100 --vrf AZURE --private-vrf AZURE $published
run "--private-vrf: not a VRF name" 2 "--private-vrf: 'er private' is not a VRF name" - \
	-- --asn 100 --private-vrf "er private" $published
run "--microsoft-vrf: too long" 2 "--microsoft-vrf: '$long_vrf' is not a VRF name (1 to 36 characters, no space)" - \
	-- --asn 100 --microsoft-vrf "$long_vrf" $published
run "a file that is not there" 2 "error: $tmp/none.json: cannot open: No such file or directory" \
	- -- --asn 100 "$tmp/none.json"
run "no document" 2 "no Azure document" - -- --asn 100
run "--strict: a warning is an error" 2 "error: --strict: 6 warnings above, nothing printed" \
	- -- --strict --asn 100 $lab
run "--vrf" 0 "" "router bgp 100 vrf AZURE" -- --asn 100 --vrf AZURE $lab
run "--name" 0 "" " expressroute circuit ams-1" -- --asn 100 --name ams-1 $lab
run "--name the module refuses" 2 "--name: 'ams 1' is not a circuit name" - -- --asn 100 --name "ams 1" $lab
run "--route-map-in on one peering" 0 "" "   route-map RM-PRIV-IN in" \
	-- --asn 100 --route-map-in private=RM-PRIV-IN $lab
run "--route-map-out on every peering" 0 "" "   route-map RM-OUT out" \
	-- --asn 100 --route-map-out RM-OUT $lab
run "--route-map-in for a peering Azure lacks" 2 \
	"--route-map-in microsoft=RM: the documents have no microsoft peering" - \
	-- --asn 100 --route-map-in microsoft=RM "$fx/arm-circuit-get.json"
run "--route-map-in with an unknown peering" 2 "--route-map-in: not [PEERING=]RMAP" - \
	-- --asn 100 --route-map-in public=RM $lab
run "--network" 0 "" "  network 172.16.0.0/16" -- --asn 100 --network 172.16.0.0/16 $lab
run "--network with host bits" 2 "--network: '172.16.0.1/16' is not a prefix without host bits" - \
	-- --asn 100 --network 172.16.0.1/16 $lab
run "--replace" 0 "" " no expressroute circuit circuitName" -- --asn 100 --replace $lab
run "--format yang" 0 "" '"frr-expressroute:expressroute"' -- --format yang $lab
run "--format yang with --network" 2 "--network and --replace have no YANG form" - \
	-- --format yang --network 172.16.0.0/16 $lab
run "--format neither" 2 "--format: 'xml' is not vtysh or yang" - -- --format xml $lab
run "check options without --check" 2 "go with --check" - \
	-- --asn 100 --route-table "private:primary=$fx/lab-route-table-private-primary.json" $lab
run "--help" 0 "" "usage: frr-expressroute-import" -- --help
run "--version" 0 "" "frr-expressroute-import " -- --version
run "an unknown option" 2 "usage:" - -- --frobnicate
}

# standard input, once
count=$((count + 1))
if "$tool" --asn 100 "$fx/arm-circuit-get.json" - <"$fx/lab-peerings.json" \
	>"$tmp/out" 2>"$tmp/err" && grep -qF "warning: (stdin): value[0].properties.routeFilter" "$tmp/err" \
	&& grep -qF "   advertise 123.1.0.0/24" "$tmp/out"; then
	echo "PASS: a document on standard input"
else
	echo "FAIL: a document on standard input"
	failed=$((failed + 1))
fi
run "standard input twice" 2 "standard input (-) given twice" - -- --asn 100 - -

# a file name cannot add a line to the configuration
nl="$tmp/x
router bgp 1.json"
cp "$fx/az-circuit.json" "$nl"
count=$((count + 1))
if "$tool" --asn 100 "$nl" 2>/dev/null | grep -q '^router bgp 1\.json'; then
	echo "FAIL: a newline in a file name starts a line of the output"
	failed=$((failed + 1))
else
	echo "PASS: a newline in a file name stays in the comment"
fi

# the same configuration from ARM and from az's output
count=$((count + 1))
# shellcheck disable=SC2086
"$tool" --asn 100 $lab 2>/dev/null | sed '1,/^router/d' >"$tmp/arm"
"$tool" --asn 100 "$fx/az-circuit.json" 2>/dev/null | sed '1,/^router/d' >"$tmp/az"
if [ -s "$tmp/arm" ] && cmp -s "$tmp/arm" "$tmp/az"; then
	echo "PASS: az's flattened output gives ARM's configuration"
else
	echo "FAIL: az's flattened output gives another configuration"
	diff "$tmp/arm" "$tmp/az" | sed 's/^/    /'
	failed=$((failed + 1))
fi

# the YANG JSON is the model's
for set in "$lab" "$fx/az-direct-circuit.json $fx/az-direct-port.json" \
	"--private-vrf er-private $published"; do
	count=$((count + 1))
	# shellcheck disable=SC2086
	"$tool" --format yang --vrf AZURE $set >"$tmp/yang.json" 2>/dev/null
	if [ -z "${YANGLINT:-}" ] || [ "$YANGLINT" = no ]; then
		echo "SKIP: yanglint not configured"
	elif "$YANGLINT" -t config "$model" "$tmp/yang.json" >"$tmp/lint" 2>&1; then
		echo "PASS: the YANG JSON is valid config of the model ($(basename "${set##* }"))"
	else
		echo "FAIL: yanglint refuses the YANG JSON"
		sed 's/^/    /' "$tmp/lint"
		failed=$((failed + 1))
	fi
done

# check mode on the router state saved in the lab
router=$fx/router-lab.json
tables="--route-table private:primary=$fx/lab-route-table-private-primary.json --arp-table private:primary=$fx/lab-arp-private-primary.json"
sed 's/"vlanId": 200/"vlanId": 201/' "$fx/lab-peerings.json" >"$tmp/vlan.json"
printf '{"format": "something else"}\n' >"$tmp/state.json"
# shellcheck disable=SC2086
{
run "check: no difference" 0 "" "circuit circuitName (vrf default): the CE agrees with Azure" \
	-- --check --router "$router" $tables $lab
run "check --json: no difference" 0 "" '"agree": true' -- --check --json --router "$router" $tables $lab
run "check: a difference, both values" 1 "" \
	"  peering[private]/vlan-id: Azure 201, CE 200" \
	-- --check --router "$router" "$fx/arm-circuit-get.json" "$tmp/vlan.json"
run "check --json: a difference" 1 "" '"field": "peering[private]/vlan-id"' \
	-- --check --json --router "$router" "$fx/arm-circuit-get.json" "$tmp/vlan.json"
run "check: another circuit name" 1 "" "circuit: Azure other, CE (none)" \
	-- --check --name other --router "$router" $lab
run "check: not a router state" 2 "not a router state saved by frr-expressroute-import --save-router" - \
	-- --check --router "$tmp/state.json" $lab
run "check: a table of the wrong kind" 2 "an ARP table (list-arp-tables), not a route table" - \
	-- --check --router "$router" --route-table "private:primary=$fx/lab-arp-private-primary.json" $lab
run "check: a bad link" 2 "'public:primary=x' is not PEERING:PATH=FILE" - \
	-- --check --route-table public:primary=x $lab
run "check: vtysh without JSON" 2 "vtysh -c 'show yang operational-data /frr-expressroute:expressroute with-config bgpd' gave no JSON" - \
	-- --check --vtysh /bin/false $lab
run "check --private-vrf: each peering in its VRF" 1 "" \
	"the router has no circuit circuitName in vrf er-private" \
	-- --check --private-vrf er-private --router "$router" $lab
run "check --microsoft-vrf: the Microsoft peering looked up in its VRF" 1 "" \
	"the router has no circuit circuitName in vrf er-ms" \
	-- --check --microsoft-vrf er-ms --router "$router" $lab
run "check: --router and --save-router" 2 "--router and --save-router" - \
	-- --check --router "$router" --save-router "$tmp/x.json" $lab
}

if [ "$failed" -ne 0 ]; then
	echo "$failed of $count command line checks failed"
	exit 1
fi
echo "all $count command line checks passed"
