// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What bgpd does not know about BFD and only bfdd can say: whether bfdd
 * answers at all (bgpd keeps a dead bfdd's last states), and the timers it
 * negotiated with each MSEE.  Asked over bfdd's vty socket.
 */
#ifndef _FRR_ER_BFDD_H
#define _FRR_ER_BFDD_H

#include <stdbool.h>
#include <stdint.h>

/* Find bfdd's socket the way this bgpd was started (at late init). */
void er_bfdd_init(void);

/* Whether bfdd accepts a connection on its vty socket. */
bool er_bfdd_answers(void);

/* One BFD session's timers as bfdd negotiated them with the MSEE. */
struct er_bfd_timers {
	uint32_t tx_msec;     /* this router sends every ... */
	uint32_t detect_msec; /* ... and declares the MSEE down after */
	uint32_t remote_min_rx_msec; /* what the MSEE asked for */
};

struct er_bfdd_sessions;

/*
 * bfdd's sessions now (one `show bfd peers json`, for one show command;
 * NULL if bfdd does not answer within a second); free with
 * er_bfdd_sessions_free().
 */
struct er_bfdd_sessions *er_bfdd_sessions_get(void);
void er_bfdd_sessions_free(struct er_bfdd_sessions *sessions);

/* The negotiated timers of the session to peer (an address) in vrf. */
bool er_bfdd_timers(const struct er_bfdd_sessions *sessions, const char *vrf,
		    const char *peer, struct er_bfd_timers *timers);

#endif /* _FRR_ER_BFDD_H */
