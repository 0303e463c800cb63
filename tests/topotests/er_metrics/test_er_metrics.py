#!/usr/bin/env python3
"""
Prometheus metrics through Debian's real prometheus-node-exporter and
prometheus: the CE's bgpd writes its health into the node exporter's
textfile directory (`expressroute metrics textfile DIR interval 5`), the
node exporter serves it, and Prometheus scrapes it every second and
evaluates the shipped alerting rules (examples/prometheus/), their `for:`
delays set to 0 so that an alert fires in seconds (promtool test rules,
in make check, covers the delays).

- a cut of the primary MSEE link is in the node exporter's scrape within
  one interval (measured from the cut, written to metrics.json in the
  test's log directory), and fires ExpressRouteRedundancyLost;
- what the module writes passes `promtool check metrics` unchanged;
- a missing or unwritable directory is logged, never fatal; the command
  round-trips through write memory and a bgpd restart; `no` removes the
  file.

The lab is er_health's (its configs); both tools run in the host's
network namespace on free ports, the node exporter with the textfile
collector only.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request

import pytest

from lib import topotest
from lib.topogen import get_topogen

from er_topo import cut_link, start_lab

pytestmark = [pytest.mark.bgpd, pytest.mark.bfdd]

HERE = os.path.dirname(os.path.realpath(__file__))
LAB_CONFIGS = os.path.join(HERE, "..", "er_health")
RULES = os.path.join(HERE, "..", "..", "..", "examples", "prometheus",
                     "frr-expressroute-rules.yml")
INTERVAL = 5
WORK = tempfile.mkdtemp(prefix="er-metrics-")
TEXTFILE = os.path.join(WORK, "textfile")
PROM_FILE = os.path.join(TEXTFILE, "frr_expressroute.prom")
PRIMARY_V4 = ('vrf="default",circuit="lab-ams",peering="private",'
              'address_family="ipv4",role="primary"')

tools = {}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_node_exporter():
    port = free_port()
    tools["node_exporter"] = subprocess.Popen(
        ["prometheus-node-exporter", "--web.listen-address=127.0.0.1:%d" % port,
         "--collector.disable-defaults", "--collector.textfile",
         "--collector.textfile.directory=%s" % TEXTFILE],
        stdout=subprocess.DEVNULL, stderr=open(os.path.join(WORK, "node-exporter.log"), "w"))
    tools["node_exporter_url"] = "http://127.0.0.1:%d/metrics" % port
    return port


def start_prometheus(target_port):
    """Prometheus scraping the node exporter every second, with the
    shipped rules minus their for: delays."""
    with open(RULES) as f:
        rules = re.sub(r"(?m)^(\s+)for: \S+$", r"\1for: 0s", f.read())
    rules_file = os.path.join(WORK, "rules.yml")
    with open(rules_file, "w") as f:
        f.write(rules)
    config = os.path.join(WORK, "prometheus.yml")
    with open(config, "w") as f:
        f.write("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                "rule_files:\n  - %s\n"
                "scrape_configs:\n  - job_name: node\n    static_configs:\n"
                "      - targets: ['127.0.0.1:%d']\n" % (rules_file, target_port))
    port = free_port()
    tools["prometheus"] = subprocess.Popen(
        ["prometheus", "--config.file=%s" % config,
         "--storage.tsdb.path=%s" % os.path.join(WORK, "tsdb"),
         "--web.listen-address=127.0.0.1:%d" % port],
        stdout=subprocess.DEVNULL, stderr=open(os.path.join(WORK, "prometheus.log"), "w"))
    tools["prometheus_url"] = "http://127.0.0.1:%d" % port


@pytest.fixture(scope="module", autouse=True)
def lab(request):
    os.chmod(WORK, 0o755)  # bgpd, as frr, goes through it
    os.makedirs(TEXTFILE)
    shutil.chown(TEXTFILE, "frr", "frr")
    tgen = start_lab(request, LAB_CONFIGS)
    start_prometheus(start_node_exporter())
    yield tgen
    for name in ("prometheus", "node_exporter"):
        tools[name].terminate()
        tools[name].wait(timeout=30)
    tgen.stop_topology()
    shutil.rmtree(WORK, ignore_errors=True)


def router():
    return get_topogen().gears["ce1"]


def vtysh(commands):
    return router().cmd("vtysh %s 2>&1" % " ".join("-c '%s'" % c for c in commands))


def bgpd_log():
    return router().cmd("cat %s/ce1/bgpd.log" % router().logdir)


def wait(check, what, count=60, wait=0.5):
    def test():
        return None if check() else "not yet"

    _, result = topotest.run_and_expect(test, None, count=count, wait=wait)
    assert result is None, what()


LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def labels_of(text):
    return frozenset(LABEL.findall(text))


def scrape():
    """{(name, frozenset of label pairs): value} of the node exporter's
    page (it sorts the labels of each series)."""
    with urllib.request.urlopen(tools["node_exporter_url"], timeout=5) as r:
        text = r.read().decode()
    series = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.rpartition(" ")
            name, _, labels = key.partition("{")
            series[(name, labels_of(labels))] = float(value)
    return series


def sample(series, name, labels):
    """The value of name{labels} (labels as the module writes them)."""
    return series.get((name, labels_of(labels)))


def prom_api(path, **params):
    url = "%s/api/v1/%s?%s" % (tools["prometheus_url"], path, urllib.parse.urlencode(params))
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return json.loads(r.read().decode())["data"]
    except OSError:
        return None


def firing(alertname):
    data = prom_api("alerts") or {"alerts": []}
    return [a["labels"] for a in data["alerts"]
            if a["labels"]["alertname"] == alertname and a["state"] == "firing"]


def all_ok():
    out = json.loads(router().vtysh_cmd("show expressroute circuit lab-ams json"))
    return out.get("verdict") == "ok" and all(
        s["state"] == "Established" and s["uptimeMsec"] > 5000
        for p in out["peerings"] for s in p["sessions"])


def test_exporter_writes_and_node_exporter_serves():
    wait(all_ok, lambda: router().vtysh_cmd("show expressroute circuit lab-ams"), count=120)
    out = vtysh(["configure terminal",
                 "expressroute metrics textfile %s interval %d" % (TEXTFILE, INTERVAL)])
    assert "%" not in out, out
    assert re.search(r"expressroute: metrics exporter started: %s every %d s and on every verdict or session change"
                     % (re.escape(PROM_FILE), INTERVAL), bgpd_log())
    wait(lambda: sample(scrape(), "frr_expressroute_session_up", PRIMARY_V4) == 1,
         lambda: "no session_up in the scrape: %s" % sorted(scrape())[:20])
    series = scrape()
    assert sample(series, "node_textfile_scrape_error", "") == 0
    assert sample(series, "frr_expressroute_peering_verdict",
                  'vrf="default",circuit="lab-ams",peering="private",verdict="ok"') == 1
    assert sample(series, "frr_expressroute_circuit_verdict",
                  'vrf="default",circuit="lab-ams",verdict="ok"') == 1
    assert sample(series, "frr_expressroute_circuit_bandwidth_bytes_per_second",
                  'vrf="default",circuit="lab-ams"') == 1000 * 125000
    assert sample(series, "frr_expressroute_session_bfd_up", PRIMARY_V4) == 1
    assert sample(series, "frr_expressroute_session_prefixes_sent_limit", PRIMARY_V4) == 4000
    assert sample(series, "frr_expressroute_session_prefixes_received", PRIMARY_V4) >= 1
    assert sample(series, "frr_expressroute_metrics_interval_seconds", "") == INTERVAL
    # the file is world-readable: the collector runs as another user
    assert os.stat(PROM_FILE).st_mode & 0o444 == 0o444
    assert not [f for f in os.listdir(TEXTFILE) if f != "frr_expressroute.prom"]
    shown = json.loads(router().vtysh_cmd("show expressroute metrics json"))
    assert shown["enabled"] and shown["file"] == PROM_FILE and shown["writes"] >= 1


def test_promtool_check_metrics_is_clean():
    with open(PROM_FILE) as f:
        text = f.read()
    done = subprocess.run(["promtool", "check", "metrics"], input=text,
                          capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout + done.stderr == "", done


def test_cut_link_in_scrape_within_one_interval_and_alert_fires():
    wait(lambda: firing("ExpressRouteRedundancyLost") == [] and
         prom_api("query", query="frr_expressroute_session_up") not in (None, {}),
         lambda: "Prometheus not ready: %s" % prom_api("alerts"), count=60)
    cut_at = time.time()
    cut_link(get_topogen(), "msee1")
    try:
        def cut_seen():
            s = scrape()
            return (sample(s, "frr_expressroute_session_up", PRIMARY_V4) == 0 and
                    sample(s, "frr_expressroute_peering_verdict",
                           'vrf="default",circuit="lab-ams",peering="private",'
                           'verdict="degraded"') == 1)

        wait(cut_seen, lambda: "the cut is not in the scrape", count=120, wait=0.1)
        seen_after = time.time() - cut_at
        with open(os.path.join(router().logdir, "metrics.json"), "w") as f:
            json.dump({"cut_to_scrape_sec": round(seen_after, 3),
                       "interval_sec": INTERVAL}, f)
        assert seen_after < INTERVAL, "the cut took %.1f s to reach the scrape" % seen_after

        def private_v4():
            return [a for a in firing("ExpressRouteRedundancyLost")
                    if (a["circuit"], a["peering"], a["address_family"])
                    == ("lab-ams", "private", "ipv4")]

        wait(private_v4, lambda: "ExpressRouteRedundancyLost not firing: %s"
             % prom_api("alerts"), count=60)
        alert = private_v4()[0]
        assert alert["severity"] == "warning" and alert["vrf"] == "default"
        assert firing("ExpressRouteCircuitDown") == []
    finally:
        cut_link(get_topogen(), "msee1", up=True)
    wait(all_ok, lambda: "not ok again after the link came back", count=240)
    wait(lambda: firing("ExpressRouteRedundancyLost") == [],
         lambda: "still firing: %s" % firing("ExpressRouteRedundancyLost"), count=60)
    assert sample(scrape(), "frr_expressroute_session_flaps_total", PRIMARY_V4) >= 1


def test_missing_and_unwritable_directory_are_logged_not_fatal():
    missing = os.path.join(WORK, "missing")
    out = vtysh(["configure terminal", "expressroute metrics textfile %s" % missing])
    assert "%% Warning: %s: No such file or directory" % missing in out, out
    # the old directory's file went with the old setting
    assert not os.path.exists(PROM_FILE)
    wait(lambda: "expressroute: metrics: cannot create a temporary file in %s: "
         "No such file or directory" % missing in bgpd_log(), lambda: bgpd_log()[-2000:])
    locked = os.path.join(WORK, "locked")
    os.makedirs(locked, mode=0o755)  # root's: bgpd runs as frr
    out = vtysh(["configure terminal", "expressroute metrics textfile %s interval 5" % locked])
    assert "Permission denied" in out, out
    wait(lambda: "expressroute: metrics: cannot create a temporary file in %s: "
         "Permission denied" % locked in bgpd_log(), lambda: bgpd_log()[-2000:])
    shown = json.loads(router().vtysh_cmd("show expressroute metrics json"))
    assert shown["lastError"] == "Permission denied" and shown["failures"] >= 1
    # the same error is logged once, not at every interval
    time.sleep(INTERVAL + 1)
    assert bgpd_log().count("cannot create a temporary file in %s" % locked) == 1
    out = vtysh(["configure terminal", "expressroute metrics textfile relative/dir"])
    assert "% relative/dir is not an absolute path" in out, out
    # bgpd is still there, and writes again where it can
    out = vtysh(["configure terminal",
                 "expressroute metrics textfile %s interval %d" % (TEXTFILE, INTERVAL)])
    assert "%" not in out, out
    wait(lambda: os.path.exists(PROM_FILE), lambda: "no file again")


def running():
    return router().vtysh_cmd("show running-config")


def restart_bgpd():
    router().net.killRouterDaemons(["bgpd"])
    router().net.startRouterDaemons(["bgpd"])


def test_vtysh_boot_and_frr_reload():
    """The line through an integrated frr.conf read by `vtysh -b`, and
    frr-reload.py changing the interval (a top-level line: no context)."""
    line = "expressroute metrics textfile %s interval %d" % (TEXTFILE, INTERVAL)
    assert line in running().splitlines()
    router().cmd("echo 'service integrated-vtysh-config' > /etc/frr/vtysh.conf")
    try:
        vtysh(["write memory"])
        router().cmd(": > /etc/frr/bgpd.conf")
        restart_bgpd()
        assert "expressroute metrics" not in running()
        output = router().cmd("vtysh -b 2>&1")
        assert "Unknown command" not in output, output
        assert line in running().splitlines()
    finally:
        router().cmd("echo 'no service integrated-vtysh-config' > /etc/frr/vtysh.conf")
        router().cmd("rm -f /etc/frr/frr.conf")

    build = os.environ["ER_BUILD_DIR"]
    reload_script = os.path.join(WORK, "frr-reload.py")
    subprocess.run(["/usr/bin/python3", os.path.join(build, "tools", "frr-reload-contexts.py"),
                    "/usr/lib/frr/frr-reload.py", reload_script], check=True)
    target = os.path.join(WORK, "target.conf")
    changed = line.replace("interval %d" % INTERVAL, "interval 10")
    with open(target, "w") as f:
        config = router().vtysh_cmd("show running-config bgpd")
        # a config file: from `frr version` on, without vtysh's header
        f.write(config[config.index("frr version"):].replace(line, changed))
    command = ("/usr/bin/python3 %s %%s --daemon bgpd --bindir %s --confdir /etc/frr "
               "--rundir /var/run/frr %s 2>&1" % (reload_script, os.path.join(build, "vtysh"),
                                                  target))
    output = router().cmd(command % "--reload --stdout")
    assert "Traceback" not in output, output
    assert changed in running().splitlines() and line not in running(), output
    output = router().cmd(command % "--test")
    assert "expressroute" not in output, output
    vtysh(["configure terminal", line])


def test_running_config_round_trip_and_no():
    line = "expressroute metrics textfile %s interval %d" % (TEXTFILE, INTERVAL)
    assert line in running().splitlines()
    vtysh(["write memory"])
    assert line in router().cmd("cat /etc/frr/bgpd.conf").splitlines()
    # a clean stop removes the file: a stopped router is absent, not stale
    router().cmd("kill -TERM $(cat /var/run/frr/bgpd.pid)")
    wait(lambda: not os.path.exists(PROM_FILE), lambda: "the file outlived bgpd")
    wait(lambda: router().cmd("pidof bgpd || true").strip() == "" or
         router().cmd("kill -0 $(cat /var/run/frr/bgpd.pid) 2>&1; echo $?").strip().endswith("1"),
         lambda: "bgpd did not stop")
    router().net.startRouterDaemons(["bgpd"])
    assert line in running().splitlines()
    wait(lambda: os.path.exists(PROM_FILE), lambda: "not written after the restart")
    # the default interval is not written out
    vtysh(["configure terminal", "expressroute metrics textfile %s interval 30" % TEXTFILE])
    assert "expressroute metrics textfile %s" % TEXTFILE in running().splitlines()
    vtysh(["configure terminal", "no expressroute metrics textfile"])
    assert "expressroute metrics" not in running()
    assert not os.path.exists(PROM_FILE)
    assert "expressroute: metrics exporter stopped (%s removed)" % PROM_FILE in bgpd_log()
    shown = json.loads(router().vtysh_cmd("show expressroute metrics json"))
    assert shown == {"enabled": False}
    vtysh(["write memory"])
