/* The floor marsad's burst is compared with: the same texts inserted into a bare SQLite
 * content table with an FTS5 index over it (WAL, synchronous=NORMAL, one transaction per
 * 100 documents), nothing else. Reads the files named on stdin (one path a line), prints
 * the seconds the inserts took, commits included, and the documents inserted.
 *
 *   cc -O2 -o floor floor.c -lsqlite3
 *   ls corpus/*.txt | ./floor store.db
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void check(int rc, sqlite3 *db, const char *what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fprintf(stderr, "floor: %s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

static char *slurp(const char *path, long *size) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    fseek(f, 0, SEEK_END);
    *size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *bytes = malloc(*size + 1);
    if (fread(bytes, 1, *size, f) != (size_t)*size) { perror(path); exit(1); }
    fclose(f);
    return bytes;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: floor DB < paths\n"); return 2; }
    /* Read every file first: the floor times the store, not the disk cache. */
    size_t count = 0, capacity = 1024;
    char **texts = malloc(capacity * sizeof *texts);
    long *sizes = malloc(capacity * sizeof *sizes);
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        if (!*line) continue;
        if (count == capacity) {
            capacity *= 2;
            texts = realloc(texts, capacity * sizeof *texts);
            sizes = realloc(sizes, capacity * sizeof *sizes);
        }
        texts[count] = slurp(line, &sizes[count]);
        count++;
    }

    sqlite3 *db;
    check(sqlite3_open(argv[1], &db), db, "open");
    check(sqlite3_exec(db,
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        "CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT NOT NULL);"
        "CREATE VIRTUAL TABLE docs_fts USING fts5(body, content='docs', content_rowid='id',"
        " tokenize='unicode61 remove_diacritics 0');",
        0, 0, 0), db, "schema");
    sqlite3_stmt *doc, *fts;
    check(sqlite3_prepare_v2(db, "INSERT INTO docs (body) VALUES (?)", -1, &doc, 0), db, "prepare");
    check(sqlite3_prepare_v2(db, "INSERT INTO docs_fts (rowid, body) VALUES (?, ?)", -1, &fts, 0), db, "prepare");

    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (size_t i = 0; i < count; i++) {
        if (i % 100 == 0) check(sqlite3_exec(db, "BEGIN", 0, 0, 0), db, "begin");
        sqlite3_bind_text(doc, 1, texts[i], (int)sizes[i], SQLITE_STATIC);
        check(sqlite3_step(doc), db, "insert");
        sqlite3_reset(doc);
        sqlite3_bind_int64(fts, 1, sqlite3_last_insert_rowid(db));
        sqlite3_bind_text(fts, 2, texts[i], (int)sizes[i], SQLITE_STATIC);
        check(sqlite3_step(fts), db, "index");
        sqlite3_reset(fts);
        if (i % 100 == 99 || i == count - 1) check(sqlite3_exec(db, "COMMIT", 0, 0, 0), db, "commit");
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    printf("%.6f %zu %s\n", (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9, count, sqlite3_libversion());
    sqlite3_finalize(doc);
    sqlite3_finalize(fts);
    sqlite3_close(db);
    return 0;
}
