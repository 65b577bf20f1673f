/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tcp_state.h - the TCP session state machine of RFC 6146 section 3.5.2.2.
 *
 * Pure functions: the session code calls them with the session's lock held
 * and applies the answer (new state, which lifetime to restart). They know
 * nothing of packets beyond direction and flags, so every transition is
 * unit-tested in userspace.
 */
#ifndef _JOOL_COMMON_TCP_STATE_H
#define _JOOL_COMMON_TCP_STATE_H

#include "compat_types.h"

/* Values are shown by `session display`, in Jool 4's spelling (tcp_state_name). */
enum tcp_state {
	TCPST_CLOSED,
	TCPST_V4_INIT,
	TCPST_V6_INIT,
	TCPST_ESTABLISHED,
	TCPST_V4_FIN_RCV,
	TCPST_V6_FIN_RCV,
	TCPST_V4_FIN_V6_FIN_RCV,
	TCPST_TRANS,
};

enum tcp_dir { TCPDIR_FROM_V6, TCPDIR_FROM_V4 };

#define TCPF_SYN 1u
#define TCPF_FIN 2u
#define TCPF_RST 4u

/* Which lifetime the packet (re)starts. */
enum tcp_timer {
	TCPT_KEEP,	/* leave the session's expiry alone */
	TCPT_EST,	/* tcp-est-timeout (2 h) */
	TCPT_TRANS,	/* tcp-trans-timeout (4 min) */
	TCPT_SYN4,	/* the 6 s an IPv4-initiated SYN waits (simultaneous open) */
};

/* What to do when a session's lifetime runs out. */
enum tcp_expiry {
	TCPX_DELETE,
	TCPX_PROBE,	/* ESTABLISHED: send a keepalive probe, move to TRANS */
};

/*
 * Feeds one packet to the machine: updates *@state, returns the lifetime to
 * restart. @rst_in_fin_is_trans is the handle-rst-during-fin-rcv global.
 */
enum tcp_timer tcp_state_packet(enum tcp_state *state, enum tcp_dir dir,
				unsigned int flags, bool rst_in_fin_is_trans);

/* The lifetime ran out: updates *@state (a probed session becomes TRANS). */
enum tcp_expiry tcp_state_expire(enum tcp_state *state);

const char *tcp_state_name(enum tcp_state state);

#endif
