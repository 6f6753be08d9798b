/*
 * outdir.h - the output folder: files appear in it whole or not at all.
 *
 * Each output is written to a temporary file in the same folder, flushed to
 * disk, and renamed over the final name, so a failed or killed run leaves
 * the previous report intact.
 */
#ifndef SRMAP_OUTDIR_H
#define SRMAP_OUTDIR_H

#include <stddef.h>
#include "diag.h"

/* Creates dir (and missing parents) if needed; returns 0, or -1 after reporting to d. */
int outdir_prepare(const char *dir, struct diag_list *d);

/*
 * Writes len bytes of data to dir/name atomically (temporary file, fsync,
 * rename, fsync of the folder).  Returns 0, or -1 after reporting to d; on
 * failure no temporary file remains and an existing dir/name is unchanged.
 */
int outdir_write(const char *dir, const char *name, const void *data, size_t len,
		 struct diag_list *d);

#endif
