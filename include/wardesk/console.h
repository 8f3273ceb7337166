/* console.h - the interactive console (what `wardesk` with no command opens). */
#ifndef WARDESK_CONSOLE_H
#define WARDESK_CONSOLE_H

struct console_opts {
	const char *conninfo;     /* -d; NULL: libpq defaults (PG* variables) */
	const char *theme;        /* --theme NAME or FILE; NULL: from config / default */
	const char *config;       /* --config FILE; NULL: $XDG_CONFIG_HOME/wardesk/config */
	long max_iterations;      /* --max-iterations N: exit after N loop turns (tests); 0: none */
};

/* Runs until the user quits.  Returns an exit status (enum wd_exit). */
int console_run(const struct console_opts *o);

#endif
