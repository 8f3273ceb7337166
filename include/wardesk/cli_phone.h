/* cli_phone.h - the chair's phone in `wardesk watch` (src/cli_phone.c):
 * due phone messages (store_phone.h) are claimed, written as short text and
 * handed to the command of the config setting phone-command, run without a
 * shell (argv only, placeholders substituted per word) in the background,
 * killed after phone-timeout seconds; each outcome is reported to the
 * database, which records it in the case's history and schedules the next
 * attempt after the delays of phone-retry.
 *
 * Ownership: phone_sender_new returns a sender the caller ends with
 * phone_sender_free (which waits for the commands still running). */
#ifndef WARDESK_CLI_PHONE_H
#define WARDESK_CLI_PHONE_H

#include "wardesk/store_phone.h"

struct phone_sender;

/* A sender from the loaded config; NULL when phone-command is empty (err
 * "") or unusable (err says why). */
struct phone_sender *phone_sender_new(char *err, size_t errsz);

/* Reap finished commands and report them, kill those past their time, then
 * claim and start due messages while slots are free.  st may be NULL
 * (offline: nothing is claimed; outcomes wait).  Returns false when the
 * login may not claim (not a superuser, not in wardesk_phone; err says so):
 * the caller says so and stops sending.  Other errors leave err alone to
 * the next tick. */
bool phone_sender_tick(struct phone_sender *ps, struct store *st, struct st_err *err);

/* Milliseconds until the sender wants a tick (a command may end, the next
 * claim is due). */
int phone_sender_wait_ms(const struct phone_sender *ps);

/* Commands still running. */
size_t phone_sender_running(const struct phone_sender *ps);

/* Wait for the running commands (each up to its timeout), report them, free. */
void phone_sender_free(struct phone_sender **ps, struct store *st);

/* The text of message m (at most 160 characters; ASCII when ascii): ref,
 * step, countdown, category, address; no control or bidi character.
 * Caller frees. */
char *phone_text(const struct wd_phone_msg *m, bool ascii);

/* The argv of template words tmpl for message m with text: {number},
 * {intl} (+84...), {message}, {ref}, {kind}, {login} replaced inside each
 * word, nothing else interpreted.  NULL-terminated; free with
 * config_words_free.  Unknown placeholders are left as they are
 * (phone_sender_new refuses them). */
char **phone_argv(char *const *tmpl, const struct wd_phone_msg *m, const char *text);

#endif
