/* model_impl.h - private to the model (src/model*.c). */
#ifndef WARDESK_MODEL_IMPL_H
#define WARDESK_MODEL_IMPL_H

#include "wardesk/util.h"

/* text_fold of s into out for the common case (ASCII, combining marks,
 * precomposed Latin letters: every Vietnamese letter).  Returns false when
 * s holds anything else; text_fold then gives the same result for
 * everything this accepts. */
bool model_fast_fold(const char *s, struct strbuf *out);

#endif
