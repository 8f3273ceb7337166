/* config_file.h - the syntax of the config and theme files (one command a
 * line, words split on blanks, quotes, escapes, '#' comments), the list of
 * errors met while reading them, and where they live.  Layer: UI services
 * (under config.c and theme.c, which both read files of this syntax). */
#ifndef WARDESK_CONFIG_FILE_H
#define WARDESK_CONFIG_FILE_H

/* Errors collected while loading ("FILE:LINE: reason"), shown by the console
 * on start (status line + `:messages`) and printed by `wardesk --check-config`. */
size_t config_error_count(void);
const char *config_error(size_t i);
void config_errors_clear(void);

/* Split a line into words (quotes, escapes, comments).  *words is a
 * NULL-terminated vector the caller frees with config_words_free. */
int config_split(const char *line, char ***words, char *err, size_t errsz);
void config_words_free(char **words);
void config_error_add(const char *fmt, ...) WD_PRINTF(1, 2);
/* ~ expansion and paths relative to the including file; caller frees. */
char *config_expand_path(const char *path, const char *base_file);
/* $XDG_CONFIG_HOME/wardesk (or ~/.config/wardesk); caller frees. */
char *config_dir(void);

/* Default config path: $XDG_CONFIG_HOME/wardesk/config or ~/.config/...
 * Returns a newly allocated string. */
char *config_default_path(void);

#endif
