# SPDX-License-Identifier: GPL-2.0
# flood.py KIND SRC DST N [DPORT]: N packets from raw sockets, as fast as
# they go, each opening a new flow:
#   udp6  UDP from SRC port 10000+i to DST port DPORT
#   syn6  TCP SYN from SRC port 10000+i to DST port DPORT
#   echo6 ICMPv6 echo request to DST with identifier i
#   syn4  TCP SYN from SRC port 40000 to DST port DPORT+i (every port of a range)
# Prints N. Checksums are computed here, as the kernel leaves them to us.
import socket, struct, sys

kind, src, dst, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
dport = int(sys.argv[5]) if len(sys.argv) > 5 else 0


def csum(data):
    if len(data) % 2:
        data += b"\0"
    c = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while c >> 16:
        c = (c & 0xffff) + (c >> 16)
    return ~c & 0xffff


def pseudo6(proto, length):
    return socket.inet_pton(socket.AF_INET6, src) + socket.inet_pton(socket.AF_INET6, dst) + \
        struct.pack("!IxxxB", length, proto)


def pseudo4(proto, length):
    return socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!xBH", proto, length)


def tcp_syn(sport, dp, pseudo):
    hdr = struct.pack("!HHIIBBHHH", sport, dp, 1000, 0, 5 << 4, 0x02, 65535, 0, 0)
    c = csum(pseudo(6, len(hdr)) + hdr)
    return hdr[:16] + struct.pack("!H", c) + hdr[18:]


if kind in ("udp6", "syn6", "echo6"):
    proto = {"udp6": socket.IPPROTO_UDP, "syn6": socket.IPPROTO_TCP,
             "echo6": socket.IPPROTO_ICMPV6}[kind]
    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, proto)
    s.bind((src, 0))
    for i in range(n):
        if kind == "udp6":
            payload = b"flood"
            length = 8 + len(payload)
            hdr = struct.pack("!HHHH", 10000 + i, dport, length, 0)
            c = csum(pseudo6(17, length) + hdr + payload) or 0xffff
            pkt = struct.pack("!HHHH", 10000 + i, dport, length, c) + payload
        elif kind == "syn6":
            pkt = tcp_syn(10000 + i, dport, pseudo6)
        else:
            # The kernel fills in ICMPv6 checksums of raw sockets itself.
            pkt = struct.pack("!BBHHH", 128, 0, 0, i & 0xffff, 1) + b"flood"
        s.sendto(pkt, (dst, 0))
elif kind == "syn4":
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
    s.bind((src, 0))
    for i in range(n):
        s.sendto(tcp_syn(40000, dport + i, pseudo4), (dst, 0))
else:
    sys.exit("flood.py: unknown kind " + kind)
print(n)
