// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Completion of the names the commands take (REGION, SERVICE) from the
 * community table, in bgpd's vty and in the ER-aware vtysh alike.
 */
#ifndef _FRR_ER_COMPLETE_H
#define _FRR_ER_COMPLETE_H

void er_complete_init(void);

#endif /* _FRR_ER_COMPLETE_H */
