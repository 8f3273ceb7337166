/* main.c - global options, locale, then the console or a CLI command. */
#include "wardesk/wardesk.h"

#include <getopt.h>
#include <locale.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wardesk/cli.h"
#include "wardesk/config.h"
#include "wardesk/console.h"

/* Translations: the installed locale dir, or build/locale next to a binary
 * run from the source tree, or $WARDESK_LOCALEDIR. */
static void init_locale(void)
{
	const char *dir = getenv("WARDESK_LOCALEDIR");
	char exe[4096], *slash, *local = NULL;
	ssize_t n;
	struct stat sb;

	setlocale(LC_ALL, "");
	/* Numbers on the wire (coordinates, JSON) always use '.': vi_VN's
	 * decimal comma would make strtod read 10.8001 as 10. */
	setlocale(LC_NUMERIC, "C");
	if (!dir) {
		n = readlink("/proc/self/exe", exe, sizeof exe - 1);
		if (n > 0) {
			exe[n] = '\0';
			if ((slash = strrchr(exe, '/')) != NULL) {
				*slash = '\0';
				local = xasprintf("%s/build/locale", exe);
				if (stat(local, &sb) == 0 && S_ISDIR(sb.st_mode))
					dir = local;
			}
		}
	}
	bindtextdomain("wardesk", dir ? dir : WARDESK_LOCALEDIR);
	bind_textdomain_codeset("wardesk", "UTF-8");
	textdomain("wardesk");
	free(local);
}

static void usage_global(FILE *fp)
{
	fprintf(fp, _("Usage: wardesk [OPTIONS] [COMMAND [ARGS]]\n"
	              "\n"
	              "With no command, open the live console of the duty desk.\n"
	              "\n"
	              "Options:\n"
	              "  -d, --dbname CONNINFO   database to use (conninfo string or URI; PG* variables apply)\n"
	              "      --theme NAME|FILE   colour theme for the console\n"
	              "      --config FILE       config file (default $XDG_CONFIG_HOME/wardesk/config)\n"
	              "      --max-iterations N  console: exit after N event-loop turns (testing)\n"
	              "      --check-config      report problems in the config file and theme, then exit\n"
	              "  -h, --help              this help\n"
	              "  -V, --version           print the version\n"
	              "\n"));
	cli_usage(fp);
	fprintf(fp, _("\nExit status: 0 done; 1 refused by the rules; 2 bad usage or input;"
	              " 3 database unreachable.\nSee wardesk(1).\n"));
}

/* --check-config: load the config (and theme) as the console would, print
 * every problem as FILE:LINE: reason; exit 2 when there was one. */
static int run_check_config(const struct cli_global *g)
{
	char *path = g->config ? xstrdup(g->config) : config_default_path();
	char err[256];
	size_t n;

	config_load(path);
	if (g->theme && !config_set("theme", g->theme, err, sizeof err))
		config_error_add("--theme: %s", err);
	n = config_error_count();
	for (size_t i = 0; i < n; i++)
		cli_fprintf(stderr, "%s\n", config_error(i));
	if (!n)
		printf(_("%s: no problems found\n"), path);
	free(path);
	return n ? WD_EXIT_USAGE : WD_EXIT_OK;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dbname", required_argument, NULL, 'd' },
		{ "theme", required_argument, NULL, 'T' },
		{ "config", required_argument, NULL, 'C' },
		{ "max-iterations", required_argument, NULL, 'M' },
		{ "check-config", no_argument, NULL, 'K' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_global g = { 0 };
	bool check_config = false;
	int c;

	init_locale();
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+d:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'd': g.conninfo = optarg; break;
		case 'T': g.theme = optarg; break;
		case 'C': g.config = optarg; break;
		case 'M': {
			char *end;

			g.max_iterations = strtol(optarg, &end, 10);
			if (*end || g.max_iterations < 0) {
				cli_fprintf(stderr, _("wardesk: --max-iterations needs a number, not \"%s\"\n"),
				        optarg);
				return WD_EXIT_USAGE;
			}
			break;
		}
		case 'K': check_config = true; break;
		case 'h':
			usage_global(stdout);
			return WD_EXIT_OK;
		case 'V':
			printf("wardesk %s\n", WARDESK_VERSION);
			return WD_EXIT_OK;
		default:
			cli_fprintf(stderr, _("wardesk: unknown option %s (try wardesk --help)\n"),
			        argv[optind - 1]);
			return WD_EXIT_USAGE;
		}
	}
	if (check_config)
		return run_check_config(&g);
	if (optind >= argc) {
		struct console_opts co = {
			.conninfo = g.conninfo, .theme = g.theme, .config = g.config,
			.max_iterations = g.max_iterations,
		};

		return console_run(&co);
	}
	return cli_main(&g, argc - optind, argv + optind);
}
