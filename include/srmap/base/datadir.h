/*
 * datadir.h - finds srmap's data folder (catalog/ and templates/) at run time.
 *
 * In order: the SRMAP_DATADIR environment variable; ../share/srmap next to
 * the executable (an installed srmap); the executable's own folder (a build
 * tree).  A folder counts only if it holds catalog/catalog.json.
 */
#ifndef SRMAP_DATADIR_H
#define SRMAP_DATADIR_H

/* Returns the data folder as a new string (caller frees), or NULL if none is found. */
char *datadir_find(void);

#endif
