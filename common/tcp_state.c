// SPDX-License-Identifier: GPL-2.0
/*
 * tcp_state.c - RFC 6146 section 3.5.2.2, one switch per state. Packets that
 * the RFC does not mention for a state keep the state; whether they refresh
 * the lifetime follows the RFC's rule for that state.
 */
#include "tcp_state.h"

enum tcp_timer tcp_state_packet(enum tcp_state *state, enum tcp_dir dir,
				unsigned int flags, bool rst_in_fin_is_trans)
{
	bool v6 = dir == TCPDIR_FROM_V6;
	bool syn = flags & TCPF_SYN, fin = flags & TCPF_FIN, rst = flags & TCPF_RST;

	switch (*state) {
	case TCPST_CLOSED:
		if (!syn || rst)
			return TCPT_KEEP;	/* not a connection start */
		*state = v6 ? TCPST_V6_INIT : TCPST_V4_INIT;
		return v6 ? TCPT_TRANS : TCPT_SYN4;

	case TCPST_V4_INIT:
		if (v6 && syn && !rst) {	/* the IPv6 side answered: simultaneous open */
			*state = TCPST_ESTABLISHED;
			return TCPT_EST;
		}
		return TCPT_KEEP;

	case TCPST_V6_INIT:
		if (syn && !rst) {
			if (!v6) {
				*state = TCPST_ESTABLISHED;
				return TCPT_EST;
			}
			return TCPT_TRANS;	/* SYN retransmitted */
		}
		return TCPT_KEEP;

	case TCPST_ESTABLISHED:
		if (rst) {
			*state = TCPST_TRANS;
			return TCPT_TRANS;
		}
		if (fin)
			*state = v6 ? TCPST_V6_FIN_RCV : TCPST_V4_FIN_RCV;
		return TCPT_EST;

	case TCPST_V4_FIN_RCV:
	case TCPST_V6_FIN_RCV:
		if (rst && rst_in_fin_is_trans) {
			*state = TCPST_TRANS;
			return TCPT_TRANS;
		}
		/* The FIN from the side that had not closed yet. */
		if (fin && v6 == (*state == TCPST_V4_FIN_RCV)) {
			*state = TCPST_V4_FIN_V6_FIN_RCV;
			return TCPT_TRANS;
		}
		return TCPT_EST;

	case TCPST_V4_FIN_V6_FIN_RCV:
		return TCPT_KEEP;	/* both closed: just let it time out */

	case TCPST_TRANS:
		if (rst)
			return TCPT_KEEP;
		*state = TCPST_ESTABLISHED;
		return TCPT_EST;
	}
	return TCPT_KEEP;
}

enum tcp_expiry tcp_state_expire(enum tcp_state *state)
{
	if (*state == TCPST_ESTABLISHED) {
		*state = TCPST_TRANS;
		return TCPX_PROBE;
	}
	return TCPX_DELETE;
}

const char *tcp_state_name(enum tcp_state state)
{
	switch (state) {
	case TCPST_CLOSED: return "CLOSED";
	case TCPST_V4_INIT: return "V4_INIT";
	case TCPST_V6_INIT: return "V6_INIT";
	case TCPST_ESTABLISHED: return "ESTABLISHED";
	case TCPST_V4_FIN_RCV: return "V4_FIN_RCV";
	case TCPST_V6_FIN_RCV: return "V6_FIN_RCV";
	case TCPST_V4_FIN_V6_FIN_RCV: return "V4_FIN_V6_FIN_RCV";
	case TCPST_TRANS: return "TRANS";
	}
	return "UNKNOWN";
}
