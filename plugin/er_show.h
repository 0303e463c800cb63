// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ExpressRoute operational CLI: show, clear, debug and reconcile commands.
 */
#ifndef _FRR_ER_SHOW_H
#define _FRR_ER_SHOW_H

/* Install the commands (after FRR's cmd_init). */
void er_show_init(void);

#endif /* _FRR_ER_SHOW_H */
