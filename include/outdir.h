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

/* A file being written: a temporary in the output folder until committed. */
struct outfile {
	char *tmp;     /* owned: the temporary file's path */
	char *final;   /* owned: the path it will be renamed to */
	int fd;        /* open for writing; -1 when closed */
};

/*
 * Opens a temporary file in dir that will become dir/name.  Returns 0, or -1
 * after reporting to d.  Finish with outfile_commit or outfile_abort.
 */
int outfile_open(struct outfile *f, const char *dir, const char *name, struct diag_list *d);

/* Flushes, closes and renames the file into place.  Returns 0, or -1 (reported; temp removed). */
int outfile_commit(struct outfile *f, struct diag_list *d);

/* Closes and removes the temporary file; the final name is untouched. */
void outfile_abort(struct outfile *f);

/*
 * Writes len bytes of data to dir/name atomically (temporary file, fsync,
 * rename, fsync of the folder).  Returns 0, or -1 after reporting to d; on
 * failure no temporary file remains and an existing dir/name is unchanged.
 */
int outdir_write(const char *dir, const char *name, const void *data, size_t len,
		 struct diag_list *d);

#endif
