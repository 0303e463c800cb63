// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The one place for differences between the FRR releases the module builds
 * against.  Today: FRR 8.4 (Debian 12).  FRR 10.x renames the event loop
 * (thread -> event) and changes yang_module_load(); add those here.
 */
#ifndef _FRR_ER_COMPAT_H
#define _FRR_ER_COMPAT_H

#include "libfrr.h"
#include "thread.h"
#include "yang.h"

/* The daemons' vty socket directory (with the pathspace of -N). */
#define ER_FRR_VTYDIR frr_vtydir

typedef struct thread_master er_event_loop;
typedef struct thread er_event;

#define ER_EVENT_ARG(ev) THREAD_ARG(ev)
#define er_event_add_timer_msec thread_add_timer_msec
#define er_event_add_event thread_add_event
#define er_event_cancel thread_cancel

static inline struct yang_module *er_yang_module_load(const char *name)
{
	return yang_module_load(name);
}

#endif /* _FRR_ER_COMPAT_H */
