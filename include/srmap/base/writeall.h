/*
 * writeall.h - writing a whole buffer to a file descriptor.
 *
 * write(2) may write less than asked, or be interrupted by a signal before
 * writing anything; every writer of srmap that writes to a descriptor itself
 * goes through write_all, so that each handles both the same way.
 */
#ifndef SRMAP_WRITEALL_H
#define SRMAP_WRITEALL_H

#include <stddef.h>

/*
 * Writes the len bytes at buf to fd, again after a short write or EINTR.
 * Returns 0, or -1 with errno set (EIO when write wrote nothing and said no
 * error).
 */
int write_all(int fd, const void *buf, size_t len);

#endif
