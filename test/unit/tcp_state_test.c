// SPDX-License-Identifier: GPL-2.0
/* Unit tests of common/tcp_state.c against RFC 6146 section 3.5.2.2. */
#include <string.h>
#include "tcp_state.h"
#include "unit.h"

#define V6 TCPDIR_FROM_V6
#define V4 TCPDIR_FROM_V4

/* Runs one packet from @from; checks the resulting state and timer. */
static int step(enum tcp_state from, enum tcp_dir dir, unsigned int flags,
		enum tcp_state want, enum tcp_timer want_timer)
{
	enum tcp_state s = from;
	enum tcp_timer t = tcp_state_packet(&s, dir, flags, false);

	if (s != want || t != want_timer) {
		fprintf(stderr, "  %s + %s flags %u -> %s timer %d (want %s timer %d)\n",
			tcp_state_name(from), dir == V6 ? "v6" : "v4", flags,
			tcp_state_name(s), t, tcp_state_name(want), want_timer);
		return 0;
	}
	return 1;
}

static void opening(void)
{
	CHECK(step(TCPST_CLOSED, V6, TCPF_SYN, TCPST_V6_INIT, TCPT_TRANS));
	CHECK(step(TCPST_CLOSED, V4, TCPF_SYN, TCPST_V4_INIT, TCPT_SYN4));
	CHECK(step(TCPST_CLOSED, V6, 0, TCPST_CLOSED, TCPT_KEEP));
	CHECK(step(TCPST_CLOSED, V6, TCPF_SYN | TCPF_RST, TCPST_CLOSED, TCPT_KEEP));
	CHECK(step(TCPST_V6_INIT, V4, TCPF_SYN, TCPST_ESTABLISHED, TCPT_EST));
	CHECK(step(TCPST_V6_INIT, V6, TCPF_SYN, TCPST_V6_INIT, TCPT_TRANS));
	CHECK(step(TCPST_V6_INIT, V4, 0, TCPST_V6_INIT, TCPT_KEEP));
	CHECK(step(TCPST_V4_INIT, V6, TCPF_SYN, TCPST_ESTABLISHED, TCPT_EST));
	CHECK(step(TCPST_V4_INIT, V4, TCPF_SYN, TCPST_V4_INIT, TCPT_KEEP));
	CHECK(step(TCPST_V4_INIT, V6, 0, TCPST_V4_INIT, TCPT_KEEP));
}

static void established(void)
{
	CHECK(step(TCPST_ESTABLISHED, V6, 0, TCPST_ESTABLISHED, TCPT_EST));
	CHECK(step(TCPST_ESTABLISHED, V4, 0, TCPST_ESTABLISHED, TCPT_EST));
	CHECK(step(TCPST_ESTABLISHED, V4, TCPF_FIN, TCPST_V4_FIN_RCV, TCPT_EST));
	CHECK(step(TCPST_ESTABLISHED, V6, TCPF_FIN, TCPST_V6_FIN_RCV, TCPT_EST));
	CHECK(step(TCPST_ESTABLISHED, V6, TCPF_RST, TCPST_TRANS, TCPT_TRANS));
	CHECK(step(TCPST_ESTABLISHED, V4, TCPF_RST, TCPST_TRANS, TCPT_TRANS));
}

static void closing(void)
{
	CHECK(step(TCPST_V4_FIN_RCV, V6, TCPF_FIN, TCPST_V4_FIN_V6_FIN_RCV, TCPT_TRANS));
	CHECK(step(TCPST_V4_FIN_RCV, V4, TCPF_FIN, TCPST_V4_FIN_RCV, TCPT_EST));
	CHECK(step(TCPST_V4_FIN_RCV, V6, 0, TCPST_V4_FIN_RCV, TCPT_EST));
	CHECK(step(TCPST_V6_FIN_RCV, V4, TCPF_FIN, TCPST_V4_FIN_V6_FIN_RCV, TCPT_TRANS));
	CHECK(step(TCPST_V6_FIN_RCV, V6, TCPF_FIN, TCPST_V6_FIN_RCV, TCPT_EST));
	CHECK(step(TCPST_V4_FIN_V6_FIN_RCV, V4, 0, TCPST_V4_FIN_V6_FIN_RCV, TCPT_KEEP));
	CHECK(step(TCPST_V4_FIN_V6_FIN_RCV, V6, TCPF_SYN, TCPST_V4_FIN_V6_FIN_RCV, TCPT_KEEP));
}

static void rst_during_fin(void)
{
	enum tcp_state s;

	/* handle-rst-during-fin-rcv off: a RST is just traffic. */
	CHECK(step(TCPST_V4_FIN_RCV, V6, TCPF_RST, TCPST_V4_FIN_RCV, TCPT_EST));
	/* on: the transitory timer. */
	s = TCPST_V6_FIN_RCV;
	CHECK(tcp_state_packet(&s, V4, TCPF_RST, true) == TCPT_TRANS && s == TCPST_TRANS);
	s = TCPST_V4_FIN_RCV;
	CHECK(tcp_state_packet(&s, V6, TCPF_RST, true) == TCPT_TRANS && s == TCPST_TRANS);
}

static void transitory(void)
{
	CHECK(step(TCPST_TRANS, V6, 0, TCPST_ESTABLISHED, TCPT_EST));
	CHECK(step(TCPST_TRANS, V4, TCPF_FIN, TCPST_ESTABLISHED, TCPT_EST));
	CHECK(step(TCPST_TRANS, V4, TCPF_RST, TCPST_TRANS, TCPT_KEEP));
}

static void expiry(void)
{
	enum tcp_state s = TCPST_ESTABLISHED;

	CHECK(tcp_state_expire(&s) == TCPX_PROBE && s == TCPST_TRANS);
	CHECK(tcp_state_expire(&s) == TCPX_DELETE);
	s = TCPST_V4_INIT;
	CHECK(tcp_state_expire(&s) == TCPX_DELETE);
	s = TCPST_V4_FIN_V6_FIN_RCV;
	CHECK(tcp_state_expire(&s) == TCPX_DELETE);
}

static void names(void)
{
	CHECK(!strcmp(tcp_state_name(TCPST_V4_FIN_V6_FIN_RCV), "V4_FIN_V6_FIN_RCV"));
	CHECK(!strcmp(tcp_state_name(TCPST_ESTABLISHED), "ESTABLISHED"));
	CHECK(!strcmp(tcp_state_name((enum tcp_state)99), "UNKNOWN"));
}

/* No sequence of packets may leave the machine in an undefined state. */
static void closed_world(void)
{
	unsigned int st, dir, flags;

	for (st = TCPST_CLOSED; st <= TCPST_TRANS; st++)
		for (dir = 0; dir < 2; dir++)
			for (flags = 0; flags < 8; flags++) {
				enum tcp_state s = st;
				enum tcp_timer t = tcp_state_packet(&s, dir, flags, flags & 1);

				CHECK(s <= TCPST_TRANS && t <= TCPT_SYN4);
				CHECK(s != TCPST_CLOSED || st == TCPST_CLOSED);
			}
}

int main(void)
{
	int failed = 0;

	RUN(opening);
	RUN(established);
	RUN(closing);
	RUN(rst_during_fin);
	RUN(transitory);
	RUN(expiry);
	RUN(names);
	RUN(closed_world);
	return failed ? 1 : 0;
}
