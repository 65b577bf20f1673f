/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * xt_JOOL.h - the iptables target JOOL: what a rule carries from
 * libxt_JOOL.so (usr/xt) to jool.ko (mod/xt.c).
 *
 *   ip6tables -t mangle -A PREROUTING -d 64:ff9b::/96 -j JOOL --instance NAME
 *   iptables  -t mangle -A PREROUTING -d 192.0.2.1    -j JOOL --instance NAME
 *
 * The rule names an iptables instance (`jool -i NAME instance add --iptables`)
 * of the rule's network namespace. A packet the instance translates or drops
 * stops there; any other packet (not its pool6 or pool4, or no such
 * instance) continues down the chain.
 */
#ifndef _UAPI_XT_JOOL_H
#define _UAPI_XT_JOOL_H

#include "jool.h"

struct xt_jool_info {
	char instance[JOOL_INSTANCE_NAME_SIZE];	/* NUL-terminated */
};

#endif
