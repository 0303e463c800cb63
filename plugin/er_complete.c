// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `?` and TAB after prefer-region, local-region and expect-service list
 * the names of the community table (er_communities.h).  Linked into the
 * module and into the ER-aware vtysh, which completes on its own.
 */

#include <zebra.h>

#include "lib/command.h"
#include "lib/vector.h"

#include "er_communities.h"
#include "er_complete.h"

static void er_complete_regions(vector comps, struct cmd_token *token)
{
	for (unsigned int i = 0; i < er_region_count; i++)
		vector_set(comps, XSTRDUP(MTYPE_COMPLETION, er_regions[i].key));
}

static void er_complete_services(vector comps, struct cmd_token *token)
{
	for (unsigned int i = 0; i < er_service_count; i++)
		vector_set(comps, XSTRDUP(MTYPE_COMPLETION, er_services[i].key));
}

static const struct cmd_variable_handler er_complete_handlers[] = {
	{.tokenname = "REGION", .completions = er_complete_regions},
	{.tokenname = "SERVICE", .completions = er_complete_services},
	{.completions = NULL},
};

void er_complete_init(void)
{
	cmd_variable_handler_register(er_complete_handlers);
}
