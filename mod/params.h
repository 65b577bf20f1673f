/* SPDX-License-Identifier: GPL-2.0 */
/* params.h - the module parameters pool6= and pool4= (params.c). */
#ifndef _JOOL_MOD_PARAMS_H
#define _JOOL_MOD_PARAMS_H

/* Creates the instance the parameters describe, if any; -errno if they are bad. */
int jool_params_apply(void);

#endif
