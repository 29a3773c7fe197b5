#define _GNU_SOURCE
#include "CLinux.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

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

int marsad_renameat_noreplace(int fromdir, const char *from, int todir, const char *to) {
    return renameat2(fromdir, from, todir, to, RENAME_NOREPLACE);
}

int marsad_peer_groups(int fd, uint32_t *groups, int capacity) {
    socklen_t length = (socklen_t)(capacity * (int)sizeof(uint32_t));
    if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &length) != 0) return -1;
    return (int)(length / sizeof(uint32_t));
}

int marsad_so_peergroups_option(void) {
    return SO_PEERGROUPS;
}

/* One component at a time: never "." or "..", never a symbolic link. */
static int open_by_components(int dirfd, const char *path, int flags, int mode) {
    char component[256];
    int current = dirfd;
    const char *cursor = path;
    for (;;) {
        const char *slash = strchr(cursor, '/');
        size_t length = slash ? (size_t)(slash - cursor) : strlen(cursor);
        if (length == 0 || length > 255) {
            if (current != dirfd) close(current);
            errno = length == 0 ? EINVAL : ENAMETOOLONG;
            return -1;
        }
        memcpy(component, cursor, length);
        component[length] = 0;
        if (strcmp(component, ".") == 0 || strcmp(component, "..") == 0) {
            if (current != dirfd) close(current);
            errno = EXDEV;
            return -1;
        }
        int next;
        if (slash) {
            next = openat(current, component, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        } else {
            next = openat(current, component, flags | O_NOFOLLOW | O_CLOEXEC, mode);
        }
        int saved = errno;
        if (current != dirfd) close(current);
        if (next < 0) {
            errno = saved;
            return -1;
        }
        if (!slash) return next;
        current = next;
        cursor = slash + 1;
    }
}

int marsad_open_beneath(int dirfd, const char *path, int flags, int mode) {
    if (path[0] == '/' || path[0] == 0) {
        errno = EXDEV;
        return -1;
    }
    struct open_how how;
    memset(&how, 0, sizeof(how));
    how.flags = (uint64_t)(flags | O_NOFOLLOW | O_CLOEXEC);
    how.mode = (flags & O_CREAT) ? (uint64_t)mode : 0;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    long fd = syscall(SYS_openat2, dirfd, path, &how, sizeof(how));
    if (fd >= 0) return (int)fd;
    /* Kernels before 5.6 (ENOSYS), seccomp filters (EPERM), paths over PATH_MAX: walk. */
    if (errno == ENOSYS || errno == EPERM || errno == ENAMETOOLONG || errno == E2BIG) {
        return open_by_components(dirfd, path, flags, mode);
    }
    return -1;
}

int marsad_o_path(void) {
    return O_PATH;
}
