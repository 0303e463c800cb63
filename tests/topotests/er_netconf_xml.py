"""
The XML of NETCONF edits of the lab's circuits, shared by the NETCONF
topotests and tests/bench (no topotest imports).
"""

ER_NS = "http://frrouting.org/yang/expressroute"
NC_NS = "urn:ietf:params:xml:ns:netconf:base:1.0"
NS = {"er": ER_NS}


def circuit_xml(name, peerings, operation=None):
    """A <config> with circuit name of vrf default, its children
    peerings (XML text), and an nc:operation on the circuit."""
    op = ' xmlns:nc="%s" nc:operation="%s"' % (NC_NS, operation) if operation else ""
    return ('<config xmlns="%s"><expressroute xmlns="%s"><instance><vrf>default</vrf>'
            '<circuit%s><name>%s</name>%s</circuit></instance></expressroute></config>'
            % (NC_NS, ER_NS, op, name, peerings))
