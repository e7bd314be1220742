/* The cmark-gfm side of scripts/bench/markdown.sh: reads every file named in the list file given into memory,
   then parses each PASSES times (default 1) with cmark-gfm (GFM extensions off, as CommonMark) and walks the tree for its code and
   HTML nodes, the ranges a lint needs. Prints the parse time alone to standard error. */
#include <cmark-gfm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv) {
    if (argc != 2 && argc != 3) { fprintf(stderr, "usage: %s LIST [PASSES]\n", argv[0]); return 2; }
    int passes = argc == 3 ? atoi(argv[2]) : 1;
    FILE *list = fopen(argv[1], "r");
    if (!list) { perror(argv[1]); return 1; }
    size_t count = 0, capacity = 8192;
    char **texts = malloc(capacity * sizeof *texts);
    size_t *lengths = malloc(capacity * sizeof *lengths);
    char path[4096];
    while (fgets(path, sizeof path, list)) {
        path[strcspn(path, "\n")] = 0;
        FILE *file = fopen(path, "rb");
        if (!file) { perror(path); return 1; }
        fseek(file, 0, SEEK_END);
        long length = ftell(file);
        fseek(file, 0, SEEK_SET);
        if (count == capacity) {
            capacity *= 2;
            texts = realloc(texts, capacity * sizeof *texts);
            lengths = realloc(lengths, capacity * sizeof *lengths);
        }
        texts[count] = malloc(length + 1);
        lengths[count] = fread(texts[count], 1, length, file);
        fclose(file);
        count++;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    long found = 0;
    for (size_t i = 0; i < count * passes; i++) {
        cmark_parser *parser = cmark_parser_new(CMARK_OPT_SOURCEPOS);
        cmark_parser_feed(parser, texts[i % count], lengths[i % count]);
        cmark_node *document = cmark_parser_finish(parser);
        cmark_iter *iter = cmark_iter_new(document);
        cmark_event_type event;
        while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
            if (event != CMARK_EVENT_ENTER) continue;
            cmark_node_type type = cmark_node_get_type(cmark_iter_get_node(iter));
            if (type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_CODE || type == CMARK_NODE_HTML_BLOCK
                || type == CMARK_NODE_HTML_INLINE) found++;
        }
        cmark_iter_free(iter);
        cmark_node_free(document);
        cmark_parser_free(parser);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    fprintf(stderr, "cmark-gfm: %zu files, %d passes, %ld code and HTML nodes, parse %.1f ms\n", count, passes, found,
            (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6);
    return 0;
}
