#define _GNU_SOURCE
#include "CLinux.h"

#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <sys/socket.h>

_Static_assert(sizeof(marsad_ucred) == sizeof(struct ucred), "marsad_ucred must match struct ucred");

int marsad_rename_noreplace(const char *from, const char *to) {
    return renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
}

int marsad_try_read_lease(int fd) {
    return fcntl(fd, F_SETLEASE, F_RDLCK);
}

int marsad_release_lease(int fd) {
    return fcntl(fd, F_SETLEASE, F_UNLCK);
}

int marsad_peer_credentials(int fd, marsad_ucred *out) {
    struct ucred cred;
    socklen_t length = sizeof(cred);
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &length) != 0) return -1;
    out->pid = cred.pid;
    out->uid = cred.uid;
    out->gid = cred.gid;
    return 0;
}

int marsad_set_nonblocking(int fd, int on) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return -1;
    return fcntl(fd, F_SETFL, on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK));
}

int marsad_so_peercred_option(void) {
    return SO_PEERCRED;
}

int marsad_limit_malloc_arenas(int arenas) {
    return mallopt(M_ARENA_MAX, arenas);
}

int marsad_malloc_trim(void) {
    return malloc_trim(0);
}
