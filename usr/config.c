// SPDX-License-Identifier: GPL-2.0
/*
 * config.c - reads Jool's JSON configuration file.
 */
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "cli.h"
#include "config.h"
#include "iname.h"

char *config_instance_name(const char *path)
{
	struct json_object *root, *name;
	const char *why;
	char *result = NULL;

	root = json_object_from_file(path);
	if (!root) {
		cli_err("cannot read JSON file '%s': %s", path, json_util_get_last_err());
		return NULL;
	}
	if (!json_object_is_type(root, json_type_object)) {
		cli_err("%s: the configuration must be a JSON object", path);
	} else if (!json_object_object_get_ex(root, "instance", &name)) {
		/* As Jool 4: no guessing which instance a file means. */
		cli_err("%s: the file does not contain an instance name (\"instance\")", path);
	} else if (!json_object_is_type(name, json_type_string)) {
		cli_err("%s: \"instance\" must be a string", path);
	} else if (iname_validate(json_object_get_string(name), &why)) {
		cli_err("%s: %s", path, why);
	} else {
		result = strdup(json_object_get_string(name));
	}
	json_object_put(root);
	return result;
}
