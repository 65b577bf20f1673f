# SPDX-License-Identifier: GPL-2.0
"""
netns.py - open sockets inside other network namespaces from one process:
setns(2) switches the calling thread's namespace, a socket stays in the
namespace it was created in. Shared by the conformance harness and the
guest tests' helpers.
"""
import ctypes
import os

CLONE_NEWNET = 0x40000000
_libc = ctypes.CDLL(None, use_errno=True)


def setns(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        if _libc.setns(fd, CLONE_NEWNET) != 0:
            err = ctypes.get_errno()
            raise OSError(err, "setns %s: %s" % (path, os.strerror(err)))
    finally:
        os.close(fd)


def inside(ns, make):
    """make() run inside the namespace /run/netns/@ns, then back home."""
    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    try:
        setns("/run/netns/" + ns)
        return make()
    finally:
        if _libc.setns(home, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "cannot return to the original namespace")
        os.close(home)
