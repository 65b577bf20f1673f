// SPDX-License-Identifier: GPL-2.0
/*
 * session.c - `jool session display`: the sessions (connections) of one
 * protocol, in Jool 4's formats. As in bib.c, addresses are always numeric
 * and --numeric is accepted for compatibility.
 *
 * Jool 4 names the four transport addresses from the translator's point of
 * view on each side: "IPv6 Remote" is the IPv6 node, "IPv6 Local" the IPv4
 * node as the IPv6 node addresses it (pool6), "IPv4 Local" the pool4 mask
 * and "IPv4 Remote" the IPv4 node. The CSV keeps those titles; the JSON keys
 * say who is who instead.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include "args.h"
#include "cli.h"
#include "jool.h"
#include "nl.h"
#include "print.h"
#include "str.h"
#include "tcp_state.h"

/* Printable keys are also short options, as in Jool 4. */
enum { KEY_TCP = 't', KEY_UDP = 'u', KEY_ICMP = 'i', KEY_NUMERIC = 0x5800 };

struct session_args {
	struct print_opts opts;	/* first: the print_argp child reads it */
	int nprotos;
	uint8_t proto;
};

static const struct argp_option options[] = {
	{ "tcp", KEY_TCP, NULL, 0, "The TCP table (default)", 0 },
	{ "udp", KEY_UDP, NULL, 0, "The UDP table", 0 },
	{ "icmp", KEY_ICMP, NULL, 0, "The ICMP table", 0 },
	{ "numeric", KEY_NUMERIC, NULL, 0, "Accepted for compatibility: addresses are always numeric", 0 },
	{ 0 }
};

static error_t parser(int key, char *arg, struct argp_state *state)
{
	struct session_args *a = state->input;

	switch (key) {
	case KEY_TCP:
	case KEY_UDP:
	case KEY_ICMP:
		a->proto = key == KEY_TCP ? IPPROTO_TCP : key == KEY_UDP ? IPPROTO_UDP : IPPROTO_ICMP;
		a->nprotos++;
		return 0;
	case KEY_NUMERIC:
		return 0;
	case ARGP_KEY_ARG:
		argp_error(state, "unexpected argument '%s'", arg);
		return EINVAL;
	}
	return ARGP_ERR_UNKNOWN;
}

enum {
	C_PROTO, C_ADDR6, C_PORT6, C_REMOTE6, C_RPORT6, C_ADDR4, C_PORT4, C_REMOTE4, C_RPORT4,
	C_EXPIRES, C_STATE, C_EXPIRES_MS, NCOLS
};
static const struct print_col cols[NCOLS] = {
	[C_PROTO] = { "Protocol", "protocol", 0, 0 },
	[C_ADDR6] = { "IPv6 Remote Address", "ipv6_address", 0, 0 },
	[C_PORT6] = { "IPv6 Remote L4-ID", "ipv6_l4_id", 0, 0 },
	[C_REMOTE6] = { "IPv6 Local Address", "ipv6_peer_address", 0, 0 },
	[C_RPORT6] = { "IPv6 Local L4-ID", "ipv6_peer_l4_id", 0, 0 },
	[C_ADDR4] = { "IPv4 Local Address", "ipv4_address", 0, 0 },
	[C_PORT4] = { "IPv4 Local L4-ID", "ipv4_l4_id", 0, 0 },
	[C_REMOTE4] = { "IPv4 Remote Address", "ipv4_peer_address", 0, 0 },
	[C_RPORT4] = { "IPv4 Remote L4-ID", "ipv4_peer_l4_id", 0, 0 },
	[C_EXPIRES] = { "Expires in", "expires_in", 0, 0 },
	[C_STATE] = { "State", "state", 0, 0 },
	[C_EXPIRES_MS] = { NULL, "expires_in_ms", 0, PF_JSON },
};

#define SEPARATOR "---------------------------------"

/*
 * Jool 4's text form, one block per session, each closed by a separator:
 *	(V4_FIN_V6_FIN_RCV) Expires in 0:03:55.764
 *	Remote: 192.0.2.2#7002	2001:db8::2#59436
 *	Local: 203.0.113.1#22553	64:ff9b::c000:202#7002
 * UDP and ICMP sessions have no state, hence no "(STATE) ".
 */
static void session_lines(const char *const *c, void *arg)
{
	(void)arg;
	if (c[C_STATE][0])
		printf("(%s) ", c[C_STATE]);
	printf("Expires in %s\n", c[C_EXPIRES]);
	printf("Remote: %s#%s\t%s#%s\n", c[C_REMOTE4], c[C_RPORT4], c[C_ADDR6], c[C_PORT6]);
	printf("Local: %s#%s\t%s#%s\n", c[C_ADDR4], c[C_PORT4], c[C_REMOTE6], c[C_RPORT6]);
	puts(SEPARATOR);
}

struct display {
	struct print_opts opts;
	struct table *t;
};

static struct table *start(const struct print_opts *opts)
{
	/* The opening separator, alone when there are no sessions (as Jool 4). */
	return table_start_lines(opts, cols, NCOLS, SEPARATOR, session_lines, NULL);
}

static void addr_str(const struct jnl_attrs *at, int attr, int family, char *buf)
{
	unsigned char a[16];

	strcpy(buf, "?");
	if (jnl_get_bin(at, attr, a, family == AF_INET ? 4 : 16))
		inet_ntop(family, a, buf, INET6_ADDRSTRLEN);
}

static int session_row(const struct jnl_attrs *at, void *_d)
{
	struct display *d = _d;
	char a6[INET6_ADDRSTRLEN], a4[INET6_ADDRSTRLEN], r6[INET6_ADDRSTRLEN], r4[INET6_ADDRSTRLEN];
	char expires[MS_STRLEN];
	uint8_t proto = jnl_get_u8(at, JOOL_A_PROTO);
	uint64_t ms = jnl_get_u64(at, JOOL_A_EXPIRES);

	addr_str(at, JOOL_A_ADDR6, AF_INET6, a6);
	addr_str(at, JOOL_A_ADDR4, AF_INET, a4);
	addr_str(at, JOOL_A_REMOTE6, AF_INET6, r6);
	addr_str(at, JOOL_A_REMOTE4, AF_INET, r4);
	ms_to_str(ms, expires, sizeof(expires));
	if (!d->t)
		d->t = start(&d->opts);
	table_str(d->t, l4proto_str(proto));
	table_str(d->t, a6);
	table_u64(d->t, jnl_get_u16(at, JOOL_A_PORT6));
	table_str(d->t, r6);
	table_u64(d->t, jnl_get_u16(at, JOOL_A_REMOTE_PORT6));
	table_str(d->t, a4);
	table_u64(d->t, jnl_get_u16(at, JOOL_A_PORT4));
	table_str(d->t, r4);
	table_u64(d->t, jnl_get_u16(at, JOOL_A_REMOTE_PORT4));
	table_str(d->t, expires);
	/* Only TCP sessions have a state; Jool 4's CSV rows of the others end
	 * at the expiry (no empty field), the other formats leave it empty. */
	if (proto != IPPROTO_TCP && d->opts.format == PRINT_CSV)
		table_skip(d->t);
	else
		table_str(d->t, proto == IPPROTO_TCP && jnl_has(at, JOOL_A_TCP_STATE) ?
			  tcp_state_name(jnl_get_u8(at, JOOL_A_TCP_STATE)) : "");
	table_u64(d->t, ms);
	table_row_end(d->t);
	return 0;
}

static int op_display(struct cli_ctx *ctx, int argc, char **argv)
{
	struct session_args a = { .opts.format = ctx->json ? PRINT_JSON : PRINT_TEXT,
				  .proto = IPPROTO_TCP };
	struct argp_child children[] = { { &print_argp, 0, NULL, 0 }, { 0 } };
	struct argp argp = { options, parser, NULL,
		"Show the sessions of one protocol (TCP by default).", children, NULL, NULL };
	struct display d = { 0 };
	struct jnl_req *req;
	int err;

	if (args_parse(&argp, argc, argv, &a))
		return 2;
	if (a.nprotos > 1)
		return cli_err("give one protocol: --tcp, --udp or --icmp"), 2;
	d.opts = a.opts;
	req = jnl_req(JOOL_CMD_SESSION_GET);
	jnl_put_str(req, JOOL_A_INSTANCE, ctx->iname);
	jnl_put_u8(req, JOOL_A_PROTO, a.proto);
	/* As pool4 display: Jool 4's header comes before a kernel error. */
	if (d.opts.format != PRINT_JSON)
		d.t = start(&d.opts);
	err = jnl_dump(req, session_row, &d);
	if (err) {
		table_abort(d.t);
		return err;
	}
	if (!d.t)
		d.t = start(&d.opts);
	table_end(d.t);
	return 0;
}

const struct cli_op session_ops[] = {
	{ "display", op_display, "Show the sessions" },
	{ 0 }
};
