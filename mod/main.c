// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - jool.ko: a stateful NAT64 (RFC 6146). Module init and exit.
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include "core.h"
#include "instance.h"
#include "netlink.h"
#include "params.h"
#include "jool.h"

static int __init jool_init(void)
{
	int err;

	err = jool_fallback_init();
	if (err)
		goto err_fallback;
	err = jinst_init();
	if (err)
		goto err_instances;
	err = jool_xt_init();
	if (err)
		goto err_xt;
	/* Last: once the family exists, requests can arrive. */
	err = jool_nl_init();
	if (err)
		goto err_netlink;
	/* pool6= and pool4=: the instance "default", before anyone else asks. */
	err = jool_params_apply();
	if (err)
		goto err_params;

	pr_info("jool %s: stateful NAT64 loaded\n", JOOL_VERSION_STR);
	return 0;

err_params:
	jool_nl_exit();
err_netlink:
	jool_xt_exit();
err_xt:
	jinst_exit();
err_instances:
	jool_fallback_exit();
err_fallback:
	return err;
}

static void __exit jool_exit(void)
{
	/* First: no request may race the teardown of the instances. */
	jool_nl_exit();
	/* Then no rule may hand packets to instances that are going away. */
	jool_xt_exit();
	jinst_exit();
	jool_fallback_exit();
	pr_info("jool %s: unloaded\n", JOOL_VERSION_STR);
}

module_init(jool_init);
module_exit(jool_exit);

MODULE_LICENSE("GPL");
MODULE_VERSION(JOOL_VERSION_STR);
MODULE_DESCRIPTION("Stateful NAT64 (RFC 6146)");
MODULE_AUTHOR("The jool developers");
MODULE_ALIAS_GENL_FAMILY(JOOL_GENL_NAME);
