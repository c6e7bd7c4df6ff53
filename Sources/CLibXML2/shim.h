#ifndef ODATA_CLIBXML2_SHIM_H
#define ODATA_CLIBXML2_SHIM_H

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/dict.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

static void odata_generic_error_noop(void *ctx, const char *msg, ...) {
    (void)ctx;
    (void)msg;
}

/* Routes libxml2's printf-style generic errors to nowhere (1) or back to the default (0).
   Structured errors are captured separately; nothing must reach stderr. */
static inline void odata_set_generic_error_silent(int silent) {
    xmlSetGenericErrorFunc(NULL, silent ? odata_generic_error_noop : NULL);
}

#endif
