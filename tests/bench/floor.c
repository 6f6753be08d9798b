/* The benchmark's parse floor: read each file whole and parse it with cJSON, then free it.
 *
 * usage: floor FILE...
 *
 * tests/bench/run.py runs it on the same files an srmap run of the benchmark reads (the
 * catalog, the inventory and evidence exports, the profile), one after another, as srmap reads
 * them, so its time and peak memory are what reading the inputs costs at the least: a program
 * that does something with the data can hardly be faster than this.  It prints one line per
 * file (its size) on stdout and exits 1 if a file cannot be read or parsed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

static int read_whole(const char *path, char **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) != 0) {
		fclose(f);
		return -1;
	}
	long size = ftell(f);
	if (size < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return -1;
	}
	*buf = malloc((size_t)size + 1);
	if (!*buf) {
		fclose(f);
		return -1;
	}
	*len = fread(*buf, 1, (size_t)size, f);
	(*buf)[*len] = '\0';
	int bad = ferror(f) || *len != (size_t)size;
	fclose(f);
	if (bad) {
		free(*buf);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0;
	for (int i = 1; i < argc; i++) {
		char *buf;
		size_t len;
		if (read_whole(argv[i], &buf, &len) != 0) {
			fprintf(stderr, "floor: %s: cannot read\n", argv[i]);
			status = 1;
			continue;
		}
		cJSON *doc = cJSON_ParseWithLength(buf, len);
		if (!doc) {
			fprintf(stderr, "floor: %s: not JSON\n", argv[i]);
			free(buf);
			status = 1;
			continue;
		}
		printf("%s %zu bytes\n", argv[i], len);
		cJSON_Delete(doc);
		free(buf);
	}
	return status;
}
