/* The floor of a warm `coe search` (and of `coe lint` with its cache): listing every entry below the COE
 * folders and `lstat`ing each file, the least work that tells nothing changed, in C. The COE folders are shared
 * round-robin among THREADS threads, each folder walked with fdopendir/readdir and fstatat as coe's FolderStamps
 * walks it. Prints the number of entries.
 *   stat-walk ROOT [THREADS]    (ROOT: the repository's COE root, e.g. coes) */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char **folders;
static int folder_count, thread_count;
static int root_fd;
static long counts[64];

static long walk(int fd) {
    DIR *dir = fdopendir(fd);
    if (!dir) { close(fd); return 0; }
    long count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir))) {
        const char *name = entry->d_name;
        if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) continue;
        count++;
        if (entry->d_type == DT_DIR) {
            int next = openat(dirfd(dir), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (next >= 0) count += walk(next);
            continue;
        }
        struct stat info;
        fstatat(dirfd(dir), name, &info, AT_SYMLINK_NOFOLLOW);
    }
    closedir(dir);
    return count;
}

static void *lane(void *argument) {
    long index = (long)argument;
    for (long i = index; i < folder_count; i += thread_count) {
        int fd = openat(root_fd, folders[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd >= 0) counts[index] += 1 + walk(fd);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: stat-walk ROOT [THREADS]\n"); return 2; }
    thread_count = argc > 2 ? atoi(argv[2]) : 1;
    if (thread_count < 1 || thread_count > 64) thread_count = 1;
    root_fd = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *root = root_fd >= 0 ? fdopendir(dup(root_fd)) : NULL;
    if (!root) { perror(argv[1]); return 2; }
    int capacity = 1024;
    folders = malloc(sizeof(char *) * capacity);
    struct dirent *entry;
    while ((entry = readdir(root))) {
        if (entry->d_name[0] == '.') continue;
        if (folder_count == capacity) folders = realloc(folders, sizeof(char *) * (capacity *= 2));
        folders[folder_count++] = strdup(entry->d_name);
    }
    closedir(root);
    pthread_t threads[64];
    for (long i = 0; i < thread_count; i++) pthread_create(&threads[i], NULL, lane, (void *)i);
    long total = 0;
    for (long i = 0; i < thread_count; i++) { pthread_join(threads[i], NULL); total += counts[i]; }
    printf("%ld entries\n", total);
    return 0;
}
