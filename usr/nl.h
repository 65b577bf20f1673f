/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nl.h - the CLI's only door to the kernel. Object files build requests and
 * read replies through this API and never see libnl.
 *
 *	struct jnl_req *req = jnl_req(JOOL_CMD_INSTANCE_REMOVE);
 *	jnl_put_str(req, JOOL_A_INSTANCE, name);
 *	return jnl_do(req, NULL, NULL);
 *
 * jnl_do() and jnl_dump() send the request (consuming it), call @fn for every
 * reply message, and return 0 or 1. On failure they have already printed the
 * one error line: the kernel's extended-ACK message when there is one.
 */
#ifndef _JOOL_USR_NL_H
#define _JOOL_USR_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct jnl_req;
struct jnl_attrs;	/* the attributes of one reply, indexed by JOOL_A_* */

struct jnl_req *jnl_req(uint8_t cmd);
void jnl_put_str(struct jnl_req *req, int attr, const char *value);
void jnl_put_u8(struct jnl_req *req, int attr, uint8_t value);
void jnl_put_u16(struct jnl_req *req, int attr, uint16_t value);
void jnl_put_u32(struct jnl_req *req, int attr, uint32_t value);
void jnl_put_u64(struct jnl_req *req, int attr, uint64_t value);
void jnl_put_bin(struct jnl_req *req, int attr, const void *value, size_t len);
void jnl_put_flag(struct jnl_req *req, int attr);
/* Nested attributes (lists of entries); jnl_nest_end() the result of start. */
void *jnl_nest_start(struct jnl_req *req, int attr);
void jnl_nest_end(struct jnl_req *req, void *nest);
/* A request with room for a whole configuration (under the socket's send buffer). */
#define JNL_BIG (200 * 1024)
struct jnl_req *jnl_req_big(uint8_t cmd);
/* Did an attribute not fit? */
bool jnl_full(const struct jnl_req *req);

bool jnl_has(const struct jnl_attrs *a, int attr);
const char *jnl_get_str(const struct jnl_attrs *a, int attr);	/* "" if absent */
uint8_t jnl_get_u8(const struct jnl_attrs *a, int attr);	/* 0 if absent */
uint16_t jnl_get_u16(const struct jnl_attrs *a, int attr);
uint32_t jnl_get_u32(const struct jnl_attrs *a, int attr);
uint64_t jnl_get_u64(const struct jnl_attrs *a, int attr);
/* Copies exactly @len bytes; false (and @dst untouched) if absent or sized otherwise. */
bool jnl_get_bin(const struct jnl_attrs *a, int attr, void *dst, size_t len);
/* Copies up to @max bytes; returns how many (0 if absent). */
size_t jnl_get_binv(const struct jnl_attrs *a, int attr, void *dst, size_t max);

/* Return non-zero from a callback to stop; jnl_do/jnl_dump then return 1. */
typedef int (*jnl_fn)(const struct jnl_attrs *a, void *arg);

int jnl_do(struct jnl_req *req, jnl_fn fn, void *arg);
int jnl_dump(struct jnl_req *req, jnl_fn fn, void *arg);

#endif
