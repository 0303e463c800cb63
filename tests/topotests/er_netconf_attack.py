"""
Clients of a hostile management network, for the NETCONF server's tests
and benchmark: sockets that never speak SSH, sockets that send garbage,
and logged-in NETCONF sessions that send half a message and stop, plus a
NETCONF session spoken by hand (paramiko, either framing) to check what
the server sends.  No topotest imports: tests/bench uses it too.

Every connection is opened from the calling thread's network namespace;
a source address may be given (any 127.0.0.0/8 address is the loopback's).
"""

import re
import socket
import time

import paramiko

NC_NS = "urn:ietf:params:xml:ns:netconf:base:1.0"
EOM = b"]]>]]>"


def hello(versions=("1.0", "1.1")):
    caps = "".join("<capability>urn:ietf:params:netconf:base:%s</capability>" % v
                   for v in versions)
    return ('<?xml version="1.0" encoding="UTF-8"?><hello xmlns="%s"><capabilities>%s'
            "</capabilities></hello>" % (NC_NS, caps)).encode()


def rpc(body, message_id=1):
    return ('<rpc message-id="%d" xmlns="%s">%s</rpc>' % (message_id, NC_NS, body)).encode()


def tcp(host, port, source=None, timeout=10):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    if source:
        sock.bind((source, 0))
    sock.connect((host, port))
    return sock


class Session:
    """A NETCONF session by hand over paramiko: framing 1.0 (end-of-
    message) or 1.1 (chunked), as the <hello> sent says."""

    def __init__(self, host, port, user, key_file, versions=("1.0", "1.1"),
                 source=None, send_hello=True):
        self.sock = tcp(host, port, source)
        self.transport = paramiko.Transport(self.sock)
        self.transport.start_client(timeout=10)
        self.transport.auth_publickey(user, paramiko.Ed25519Key.from_private_key_file(key_file))
        self.channel = self.transport.open_session(timeout=10)
        self.channel.settimeout(30)
        self.channel.invoke_subsystem("netconf")
        self.buffer = b""
        self.server_hello = self.read_eom()
        match = re.search(rb"<session-id>(\d+)</session-id>", self.server_hello)
        self.session_id = int(match.group(1)) if match else None
        self.chunked = "1.1" in versions
        if send_hello:
            self.channel.sendall(hello(versions) + EOM)

    def _more(self):
        data = self.channel.recv(65536)
        if not data:
            raise EOFError("the server closed the session")
        self.buffer += data

    def read_eom(self):
        while EOM not in self.buffer:
            self._more()
        message, self.buffer = self.buffer.split(EOM, 1)
        return message

    def read_chunked(self):
        message = b""
        while True:
            while not re.match(rb"\n#(#\n|\d+\n)", self.buffer):
                self._more()
            if self.buffer.startswith(b"\n##\n"):
                self.buffer = self.buffer[4:]
                return message
            header = re.match(rb"\n#(\d+)\n", self.buffer)
            size = int(header.group(1))
            self.buffer = self.buffer[header.end():]
            while len(self.buffer) < size:
                self._more()
            message += self.buffer[:size]
            self.buffer = self.buffer[size:]

    def frame(self, message):
        if self.chunked:
            return b"\n#%d\n%s\n##\n" % (len(message), message)
        return message + EOM

    def send(self, message):
        self.channel.sendall(self.frame(message))

    def read(self):
        return self.read_chunked() if self.chunked else self.read_eom()

    def call(self, body, message_id=1):
        self.send(rpc(body, message_id))
        return self.read().decode()

    def send_half(self, body=None):
        """The first half of an <rpc>, announced whole: the chunk (or the
        end-of-message) never comes."""
        message = rpc(body or "<get-config><source><running/></source></get-config>")
        framed = self.frame(message)
        self.channel.sendall(framed[:len(framed) // 2])

    def close(self):
        self.transport.close()
        self.sock.close()


class Attack:
    """idle sockets (connect, say nothing), garbage sockets (a burst of
    bytes that are no SSH), and half-message sessions (logged in, <hello>
    sent, then half an <rpc>), each from the given source addresses in
    turn; open() them all, close() them all."""

    def __init__(self, host, port, user=None, key_file=None, idle=0, garbage=0, half=0,
                 sources=(None,)):
        self.host, self.port, self.user, self.key_file = host, port, user, key_file
        self.counts = {"idle": idle, "garbage": garbage, "half": half}
        self.sources = list(sources)
        self.sockets, self.sessions = [], []
        self.failed = 0  # connections a blocked server did not even take

    def _source(self, i):
        return self.sources[i % len(self.sources)]

    def _connect(self, i):
        try:
            return tcp(self.host, self.port, self._source(i))
        except OSError:
            self.failed += 1  # a server that lets idle sockets block it
            return None

    def open(self):
        for i in range(self.counts["idle"]):
            sock = self._connect(i)
            if sock:
                self.sockets.append(sock)
        for i in range(self.counts["garbage"]):
            sock = self._connect(i)
            if sock:
                sock.sendall(b"GET / HTTP/1.0\r\n\r\n" + bytes(range(256)) * 4)
                self.sockets.append(sock)
        for i in range(self.counts["half"]):
            try:
                session = Session(self.host, self.port, self.user, self.key_file,
                                  source=self._source(i))
            except (OSError, EOFError, paramiko.SSHException):
                self.failed += 1
                continue
            session.send_half()
            self.sessions.append(session)
        return self

    def still_open(self):
        """How many idle and garbage sockets the server has not closed
        (what it sent them is read and thrown away)."""
        count = 0
        for sock in self.sockets:
            sock.setblocking(False)
            try:
                while sock.recv(65536):
                    pass
            except BlockingIOError:
                count += 1
            except OSError:
                pass
        return count

    def close(self):
        for sock in self.sockets:
            sock.close()
        for session in self.sessions:
            session.close()
        self.sockets, self.sessions = [], []

    def __enter__(self):
        return self.open()

    def __exit__(self, *exc):
        self.close()


def timed(call, *args, **kw):
    """(seconds, result) of one call."""
    start = time.monotonic()
    result = call(*args, **kw)
    return time.monotonic() - start, result
