# SPDX-License-Identifier: GPL-2.0
# txcsum.py IFNAME on|off [rx]: sets the device's transmit checksum offload
# (what `ethtool -K IFNAME tx off` does; with "rx", the receive one:
# `ethtool -K IFNAME rx off`) through the SIOCETHTOOL ioctl, then reads it
# back; prints the resulting state. With tx off, the senders' stacks compute
# whole checksums, so the translator sees no CHECKSUM_PARTIAL; on a device
# the translator sends GSO bursts through, the kernel cuts them and computes
# each segment's checksum from the transport header's pseudo-header sum.
import ctypes
import fcntl
import socket
import struct
import sys

SIOCETHTOOL = 0x8946
ETHTOOL_GTXCSUM = 0x16
ETHTOOL_STXCSUM = 0x17
ETHTOOL_GRXCSUM = 0x14
ETHTOOL_SRXCSUM = 0x15


def ethtool(sock, ifname, cmd, value=0):
    ev = ctypes.create_string_buffer(struct.pack("II", cmd, value), 8)
    ifr = struct.pack("16sP", ifname.encode(), ctypes.addressof(ev)).ljust(40, b"\0")
    fcntl.ioctl(sock, SIOCETHTOOL, ifr)
    return struct.unpack("II", ev.raw)[1]


ifname, want = sys.argv[1], sys.argv[2] == "on"
rx = sys.argv[3:] == ["rx"]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
ethtool(s, ifname, ETHTOOL_SRXCSUM if rx else ETHTOOL_STXCSUM, int(want))
got = ethtool(s, ifname, ETHTOOL_GRXCSUM if rx else ETHTOOL_GTXCSUM)
print("on" if got else "off")
sys.exit(0 if bool(got) == want else 1)
