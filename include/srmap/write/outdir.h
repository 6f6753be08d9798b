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
#include "srmap/base/diag.h"

/* Creates dir (and missing parents) if needed; returns 0, or -1 after reporting to d. */
int outdir_prepare(const char *dir, struct diag_list *d);

/* A file being written: a temporary in the output folder until committed. */
struct outfile {
	char *tmp;     /* owned: the temporary file's path */
	char *final;   /* owned: the path it will be renamed to */
	int fd;        /* open for writing; -1 when closed */
	char *shown;   /* owned: how messages name it: DIR/NAME, also for a file of a set folder */
};

/* The name of a set folder (outset below) begins with this. */
#define OUTSET_PREFIX ".srmap-set."

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

/*
 * Takes an exclusive lock on the folder dir, so that two runs writing into
 * it never interleave; waits (saying so on stderr through d's stream) while
 * another run holds it.  Returns a descriptor to pass to outdir_unlock, or -1
 * after reporting to d.
 */
int outdir_lock(const char *dir, struct diag_list *d);

/* Releases a lock taken by outdir_lock (a negative fd is ignored). */
void outdir_unlock(int fd);

/*
 * Removes the temporaries a killed run left in dir: files named
 * ".NAME.XXXXXX" where NAME is one of srmap's output file names.  Call it
 * only while holding the folder's lock, so that no other run is writing
 * them.  Returns the number of files removed.
 */
int outdir_remove_stale(const char *dir);

/* Returns 1 when the last folder name of an --out pattern holds a % field. */
int outdir_is_dated(const char *pattern);

/*
 * Expands strftime(3) fields such as %Y-%m-%d in pattern with the UTC time t.
 * Returns a new string (caller frees), or NULL if the result would be empty
 * or longer than PATH_MAX.
 */
char *outdir_expand(const char *pattern, long long t);

/*
 * Removes the oldest dated output folders made from pattern (whose last path
 * component holds the % fields), keeping the keep newest.  Only folders whose
 * names match the pattern exactly and that hold an assessment.xml are
 * touched, and only srmap's own files (and temporaries of a killed run) are
 * removed from them; a folder that still holds anything else is left in
 * place with a warning, and one that another run holds locked is skipped.
 * Returns the number of folders removed.
 */
int outdir_prune(const char *pattern, int keep, struct diag_list *d);

/*
 * The report set of a run (outset.c).  Its files are written into a hidden
 * folder DIR/.srmap-set.XXXXXX (stage) and switched in as a whole by one
 * rename(2) of the symbolic link DIR/current; DIR/NAME are symbolic links to
 * current/NAME, made before the switch.  A kill at any instant leaves either
 * the complete previous set or the complete new one.  While a set is being
 * written, SIGTERM, SIGINT and SIGHUP remove it and the process then dies of
 * the signal; SIGXFSZ is ignored, so that `ulimit -f` is a write error; an
 * exit() (out of memory) removes it too.
 */
struct outset {
	char *dir;     /* owned: the output folder */
	char *stage;   /* owned: the folder this run's files are written into */
	int lock;      /* the folder's lock (outdir_lock) */
};

/*
 * Creates dir if needed, locks it, removes what killed runs left, and makes
 * the stage.  Returns 0, or -1 after reporting to d (nothing left behind).
 * Finish with outset_commit or outset_abort.
 */
int outset_begin(struct outset *s, const char *dir, struct diag_list *d);

/*
 * Switches the stage in as DIR's report set (every file in it must be
 * complete and flushed), removes the previous set and unlocks.  Returns 0,
 * or -1 after reporting to d: the stage is removed, the previous set stays.
 */
int outset_commit(struct outset *s, struct diag_list *d);

/* Removes the stage and unlocks; the previous set is untouched. */
void outset_abort(struct outset *s);

/* Records path as a file of the stage to remove on a signal or exit (outdir_on_open's hook). */
void outset_track(const char *path);

/*
 * In a worker process forked from a run writing a set (workers.h): the set
 * is the run's to remove, not the worker's.  Forgets it (an exit removes
 * nothing), gives the signals back their dispositions from before the set
 * began, and stops the out-of-memory exit from removing the run's files.
 */
void outset_in_worker(void);

/*
 * Removes what killed runs left in dir: set folders that DIR/current does not
 * name, a half-made link, temporaries (outdir_remove_stale).  Call it only
 * holding the lock.  Returns the number of entries removed.
 */
int outset_remove_stale(const char *dir);

/*
 * Removes the folder name of the folder open as parent (AT_FDCWD: name is a
 * path): its files, then itself; it holds no folders.  Allocates nothing, so
 * that it also runs after a set is committed.  Returns 0 (also when it does
 * not exist), or -1 if it remains.
 */
int outdir_remove_folder_at(int parent, const char *name);

/*
 * Calls hook with the temporary and the final path of every file
 * outfile_open opens from now on (NULL: none); outset.c records them to
 * remove on a signal.
 */
void outdir_on_open(void (*hook)(const char *path));

#endif
