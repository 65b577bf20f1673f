# SPDX-License-Identifier: GPL-2.0
"""
tcp_steps.py CLIENT_NS SERVER_NS SCENARIO PORT - walks one TCP connection
through the translator's state machine, one transition at a time, and after
each prints "STEP STATE EXPIRES_MS" as `jool session display` reads them back
(the session of client port PORT), once the state has moved.

Runs in the translator's namespace; its sockets are opened inside the client
(IPv6) and server (IPv4) namespaces (a socket stays in the namespace it was
created in), so one process drives both ends in lock step.

Scenarios:
  close  syn (the server drops it: V6_INIT), established (the SYN again, and
         the server answers), fin6 (the client shuts down its side), fin4
         (the server too)
  rst6   established, then the client resets it (rst6)
  rst4   established, then the server resets it (rst4)
"""
import json
import os
import socket
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netns import inside  # noqa: E402

SRV6 = "64:ff9b::c000:202"
SPORT = 9300


def session(port):
    out = subprocess.run(["jool", "-j", "session", "display", "--tcp"], check=True,
                         capture_output=True, text=True).stdout
    for s in json.loads(out):
        if int(s["ipv6_l4_id"]) == port:
            return s["state"], int(s["expires_in_ms"])
    return "NONE", 0


def step(name, port, before, timeout=15):
    """Waits until the session's state is no longer @before; prints it."""
    end = time.monotonic() + timeout
    state, left = session(port)
    while state == before and time.monotonic() < end:
        time.sleep(0.05)
        state, left = session(port)
    print("%s %s %d" % (name, state, left), flush=True)
    return state


def drop_syns(server_ns, on):
    subprocess.run(["ip", "netns", "exec", server_ns, "iptables", "-A" if on else "-D", "INPUT",
                    "-p", "tcp", "--dport", str(SPORT), "-j", "DROP"], check=True)


def linger0(s):
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def main():
    cns, sns, scenario, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

    def listener():
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("192.0.2.2", SPORT))
        s.listen(4)
        return s

    def client():
        c = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        c.bind(("2001:db8::2", port))
        return c

    lsn = inside(sns, listener)
    cli = inside(cns, client)
    state = "NONE"
    if scenario == "close":
        drop_syns(sns, True)
        cli.setblocking(False)
        try:
            cli.connect((SRV6, SPORT))
        except BlockingIOError:
            pass
        state = step("syn", port, state)
        drop_syns(sns, False)
        # The client's retransmitted SYN gets through (1 s, then 3 s...).
        state = step("established", port, state)
        cli.setblocking(True)
    else:
        cli.settimeout(10)
        cli.connect((SRV6, SPORT))
        state = step("established", port, state)
    lsn.settimeout(10)
    srv, _ = lsn.accept()
    cli.settimeout(10)
    cli.sendall(b"hello")
    if srv.recv(100) != b"hello":
        raise SystemExit("payload lost")
    if scenario == "close":
        cli.shutdown(socket.SHUT_WR)
        state = step("fin6", port, state)
        srv.settimeout(10)
        srv.recv(100)     # the client's FIN arrived
        srv.shutdown(socket.SHUT_WR)
        state = step("fin4", port, state)
        cli.recv(100)
    elif scenario == "rst6":
        linger0(cli)
        cli.close()
        state = step("rst6", port, state)
    elif scenario == "rst4":
        linger0(srv)
        srv.close()
        state = step("rst4", port, state)
    return 0


if __name__ == "__main__":
    sys.exit(main())
