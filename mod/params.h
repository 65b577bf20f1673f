/* SPDX-License-Identifier: GPL-2.0 */
/*
 * params.h - the module parameters pool6= and pool4= (params.c), and the
 * testing-only test_* ones, read where they apply (READ_ONCE: writable).
 */
#ifndef _JOOL_MOD_PARAMS_H
#define _JOOL_MOD_PARAMS_H

/* Creates the instance the parameters describe, if any; -errno if they are bad. */
int jool_params_apply(void);

extern unsigned int jool_test_syn4_ms;		/* JOOL_SYN4_MS unless a test lowers it */
extern unsigned int jool_test_tcp_est_min_ms;	/* JOOL_TCP_EST_MIN_MS, likewise */
extern unsigned int jool_test_tcp_trans_min_ms;	/* JOOL_TCP_TRANS_MIN_MS, likewise */

#endif
