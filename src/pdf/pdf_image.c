/*
 * pdf_image.c - images from allowed places: the files and folders the caller
 * allows, paths resolved to real paths before they are checked, PNG and JPEG
 * files of at most 20 MB loaded into the document once each, at 96 dpi.
 */
#include "pdf_image.h"
#include "layout.h"
#include "pdf_font.h"
#include "srmap/base/alloc.h"

#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_IMAGE_BYTES (20L * 1024 * 1024)
#define PX 0.75                /* points per image pixel: images are taken as 96 dpi */

static int under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || (n == 1 && dir[0] == '/'));
}

int pdf_image_size(void *ctx, const char *src, char **key, double *w, double *h,
		   const char **why)
{
	struct pdf_fonts *f = ctx;
	char *candidate = NULL;
	if (src[0] != '/' && f->base_dir) {
		candidate = xasprintf("%s/%s", f->base_dir, src);
		if (access(candidate, F_OK) != 0) {
			free(candidate);
			candidate = NULL;
		}
	}
	char *real = realpath(candidate ? candidate : src, NULL);
	free(candidate);
	if (!real) {
		*why = "no such file";
		return -1;
	}
	int allowed = 0;
	for (size_t i = 0; i < f->nfiles && !allowed; i++)
		allowed = strcmp(real, f->files[i]) == 0;
	for (size_t i = 0; i < f->ndirs && !allowed; i++)
		allowed = under(real, f->dirs[i]);
	if (!allowed) {
		*why = "not allowed (only the profile's logo and files in the template folders)";
		free(real);
		return -1;
	}
	for (size_t i = 0; i < f->nimages; i++)
		if (strcmp(f->images[i].key, real) == 0) {
			*w = HPDF_Image_GetWidth(f->images[i].img) * PX;
			*h = HPDF_Image_GetHeight(f->images[i].img) * PX;
			*key = real;
			return 0;
		}
	struct stat st;
	unsigned char magic[8] = { 0 };
	FILE *fp = fopen(real, "rb");
	size_t got = fp ? fread(magic, 1, sizeof magic, fp) : 0;
	if (fp)
		fclose(fp);
	if (!fp || stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
		*why = "cannot be read";
		free(real);
		return -1;
	}
	if (st.st_size > MAX_IMAGE_BYTES) {
		*why = "larger than 20 MB";
		free(real);
		return -1;
	}
	HPDF_Image img = NULL;
	if (got == 8 && memcmp(magic, "\x89PNG\r\n\x1a\n", 8) == 0)
		img = HPDF_LoadPngImageFromFile(f->pdf, real);
	else if (got >= 3 && memcmp(magic, "\xFF\xD8\xFF", 3) == 0)
		img = HPDF_LoadJpegImageFromFile(f->pdf, real);
	else {
		*why = "not a PNG or JPEG file";
		free(real);
		return -1;
	}
	if (!img || pdf_take_error(f, NULL, NULL) < 0) {
		*why = "not a PNG or JPEG image libharu can read";
		free(real);
		return -1;
	}
	GROW(f->images, f->capimages, f->nimages + 1);
	f->images[f->nimages++] = (struct image){ xstrdup(real), img };
	*w = HPDF_Image_GetWidth(img) * PX;
	*h = HPDF_Image_GetHeight(img) * PX;
	*key = real;
	return 0;
}

static char *real_or_null(const char *path)
{
	return path ? realpath(path, NULL) : NULL;
}

void pdf_image_allow(struct pdf_fonts *f, const char *const *files, size_t nfiles,
		     const char *const *dirs, size_t ndirs, const char *base_dir)
{
	f->files = xcalloc(nfiles + 1, sizeof(char *));
	for (size_t i = 0; i < nfiles; i++)
		if ((f->files[f->nfiles] = real_or_null(files[i])))
			f->nfiles++;
	f->dirs = xcalloc(ndirs + 1, sizeof(char *));
	for (size_t i = 0; i < ndirs; i++)
		if ((f->dirs[f->ndirs] = real_or_null(dirs[i])))
			f->ndirs++;
	f->base_dir = xstrdup(base_dir);
}

HPDF_Image pdf_image_of(struct pdf_fonts *f, const struct lay_doc *doc, size_t i)
{
	for (size_t k = 0; i < doc->nimages && k < f->nimages; k++)
		if (strcmp(f->images[k].key, doc->images[i]) == 0)
			return f->images[k].img;
	return NULL;
}

void pdf_image_release(struct pdf_fonts *f)
{
	for (size_t i = 0; i < f->nfiles; i++)
		free(f->files[i]);
	free(f->files);
	for (size_t i = 0; i < f->ndirs; i++)
		free(f->dirs[i]);
	free(f->dirs);
	free(f->base_dir);
	for (size_t i = 0; i < f->nimages; i++)
		free(f->images[i].key);
	free(f->images);
}
