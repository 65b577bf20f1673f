# SPDX-License-Identifier: GPL-2.0
# udp_flood.py SRC DST DPORT N: N UDP datagrams from SRC, each from its own
# source port (so each opens a session), as fast as a raw socket sends them.
import socket, struct, sys
src, dst, dport, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_UDP)
s.bind((src, 0))
for i in range(n):
    sport = 10000 + i
    # IPv6 UDP needs a checksum: over the pseudo-header, computed here.
    payload = b"flood"
    length = 8 + len(payload)
    pseudo = socket.inet_pton(socket.AF_INET6, src) + socket.inet_pton(socket.AF_INET6, dst) + \
        struct.pack("!IxxxB", length, 17)
    hdr = struct.pack("!HHHH", sport, dport, length, 0)
    data = pseudo + hdr + payload
    if len(data) % 2:
        data += b"\0"
    c = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while c >> 16:
        c = (c & 0xffff) + (c >> 16)
    c = ~c & 0xffff or 0xffff
    s.sendto(struct.pack("!HHHH", sport, dport, length, c) + payload, (dst, 0))
print(n)
