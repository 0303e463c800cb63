// SPDX-License-Identifier: GPL-2.0-or-later
/* What the fuzz targets share. */
#ifndef _FRR_ER_FUZZ_CHECK_H
#define _FRR_ER_FUZZ_CHECK_H

#include <stdio.h>

/* Name the broken invariant on stderr, then trap: libFuzzer saves the input. */
#define CHECK(cond, what)                                                      \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: invariant violated: %s\n",    \
				__FILE__, __LINE__, what);                     \
			__builtin_trap();                                      \
		}                                                              \
	} while (0)

#endif /* _FRR_ER_FUZZ_CHECK_H */
