// SPDX-License-Identifier: GPL-2.0
/*
 * log.c - logging-bib, logging-session and logging-debug.
 *
 * Mapping and session lines are for abuse tracing (RFC 6888 REQ-12): wall
 * clock time and the transport addresses, the destination only in session
 * lines, which an operator turns on separately. Their format is Jool 4's,
 * so existing log parsers keep working:
 *
 *   jool/NAME: 2026/11/23 01:30:00 (GMT) - Mapped 2001:db8::2#41000 to 203.0.113.1#63463 (UDP)
 *   jool/NAME: 2026/11/23 01:35:00 (GMT) - Forgot 2001:db8::2#41000 to 203.0.113.1#63463 (UDP)
 *   jool/NAME: ... - Added session 2001:db8::2#41000|64:ff9b::c000:202#7000|203.0.113.1#63463|192.0.2.2#7000|UDP
 *   jool/NAME: ... - Forgot session (same fields)
 *
 * Each instance has its own rate limits (a flood of new mappings or of
 * packets must not fill the log); the kernel reports what it suppressed.
 */
#include <linux/kernel.h>
#include <linux/ratelimit.h>
#include <linux/printk.h>
#include <linux/time.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include "log.h"

#define LOG_INTERVAL	(5 * HZ)
#define LOG_BURST	2000	/* mapping and session lines per interval */
#define DEBUG_BURST	200	/* packet traces per interval */

static const char *const l4_names[L4_COUNT] = { "TCP", "UDP", "ICMP" };

void jlog_init(struct jool_instance *inst)
{
	ratelimit_state_init(&inst->log_rs, LOG_INTERVAL, LOG_BURST);
	ratelimit_state_init(&inst->debug_rs, LOG_INTERVAL, DEBUG_BURST);
}

/* "2026/11/23 01:30:00 (GMT)" */
static void now(char *buf, size_t size)
{
	struct tm tm;

	time64_to_tm(ktime_get_real_seconds(), 0, &tm);
	snprintf(buf, size, "%04ld/%02d/%02d %02d:%02d:%02d (GMT)", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

void jlog_bib(struct jool_instance *inst, u8 l4, const struct bib_entry *b, bool added)
{
	char t[32];

	if (!__ratelimit(&inst->log_rs))
		return;
	now(t, sizeof(t));
	pr_info("jool/%s: %s - %s %pI6c#%u to %pI4#%u (%s)\n", inst->name, t,
		added ? "Mapped" : "Forgot", &b->addr6, b->port6, &b->addr4, b->port4,
		l4_names[l4]);
}

void jlog_session(struct jool_instance *inst, u8 l4, const struct bib_entry *b,
		  const struct session *s, bool added)
{
	struct in_addr r4 = { .s_addr = s->raddr };
	struct in6_addr r6;
	char t[32];

	if (!__ratelimit(&inst->log_rs))
		return;
	now(t, sizeof(t));
	rfc6052_embed(&inst->pool6, &r4, &r6);
	pr_info("jool/%s: %s - %s session %pI6c#%u|%pI6c#%u|%pI4#%u|%pI4#%u|%s\n", inst->name, t,
		added ? "Added" : "Forgot", &b->addr6, b->port6, &r6, s->rport, &b->addr4,
		b->port4, &s->raddr, s->rport, l4_names[l4]);
}

void jlog_debug(struct jool_instance *inst, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	if (!__ratelimit(&inst->debug_rs))
		return;
	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	printk(KERN_DEBUG "jool/%s: %pV\n", inst->name, &vaf);
	va_end(args);
}
