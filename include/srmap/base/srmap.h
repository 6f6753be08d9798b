/*
 * srmap.h - project-wide constants: version and exit codes.
 *
 * The exit codes are part of the command-line contract and are documented in
 * the srmap(1) man page; never renumber them.
 */
#ifndef SRMAP_H
#define SRMAP_H

#define SRMAP_VERSION "0.1.0"

enum srmap_exit {
	SRMAP_EXIT_OK = 0,        /* assessment written (findings do not change this) */
	SRMAP_EXIT_FINDINGS = 1,  /* findings at or above --fail-on exist */
	SRMAP_EXIT_USAGE = 2,     /* bad command line */
	SRMAP_EXIT_INPUT = 3,     /* bad inventory, evidence or profile */
	SRMAP_EXIT_OUTPUT = 4,    /* an output could not be written */
	SRMAP_EXIT_CATALOG = 5,   /* bad catalog or template */
	SRMAP_EXIT_SIGN = 6,      /* signing key unusable, or a signature that does not verify */
	SRMAP_EXIT_INTERNAL = 70  /* out of memory or a library failure */
};

#endif
