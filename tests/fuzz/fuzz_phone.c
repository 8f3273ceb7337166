/* fuzz_phone.c - libFuzzer target for phone_normalize and phone_format.
 *
 * The input is what someone typed as a phone number; its first byte picks
 * the output buffer size (1..128).  Invariants checked:
 *   - the result fits the buffer and is NUL-terminated;
 *   - an accepted number is digits only: 10 digits 03/05/07/08/09, or 11
 *     digits 02...;
 *   - a refusal is a non-empty reason in valid UTF-8 (cut at a character
 *     boundary when the buffer is short) when the buffer has room for one;
 *   - normalising the stored form again gives the same number (idempotent),
 *     and so does normalising its pretty form (phone_format round trip).
 * Built by `make fuzz` / `make fuzz-ci`; corpus in tests/fuzz/corpus/phone. */
#include "wardesk/wardesk.h"

#include <unistr.h>

#include "wardesk/phone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char in[256], out[160], again[160], pretty[160];
	size_t outsz, n;
	enum phone_kind k, k2;

	if (size < 1 || size > sizeof in)
		return 0;
	outsz = (size_t)(data[0] & 0x7f) + 1;      /* 1..128 */
	memcpy(in, data + 1, size - 1);
	in[size - 1] = '\0';

	memset(out, 0x55, sizeof out);
	k = phone_normalize(in, out, outsz);
	n = strnlen(out, sizeof out);
	if (n >= outsz)
		abort();               /* overflowed or not terminated */
	for (size_t i = outsz; i < sizeof out; i++)
		if ((unsigned char)out[i] != 0x55)
			abort();       /* wrote past outsz */
	if (k == PHONE_INVALID) {
		if (u8_check((const uint8_t *)out, n) != NULL)
			abort();       /* reason cut inside a character */
		if (outsz >= 16 && n == 0)
			abort();       /* a refusal says why */
		return 0;
	}
	if (k != PHONE_MOBILE && k != PHONE_LANDLINE)
		abort();
	for (size_t i = 0; i < n; i++)
		if (out[i] < '0' || out[i] > '9')
			abort();       /* stored form: digits only */
	if (out[0] != '0')
		abort();
	if (k == PHONE_MOBILE && (n != 10 || !strchr("35789", out[1])))
		abort();
	if (k == PHONE_LANDLINE && (n != 11 || out[1] != '2'))
		abort();

	k2 = phone_normalize(out, again, sizeof again);
	if (k2 != k || strcmp(out, again) != 0)
		abort();               /* idempotent */
	phone_format(out, pretty, sizeof pretty);
	k2 = phone_normalize(pretty, again, sizeof again);
	if (k2 != k || strcmp(out, again) != 0)
		abort();               /* the pretty form reads back */
	return 0;
}
