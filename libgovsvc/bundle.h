/*
 * bundle.h - bundle answers (一件事一次办, bundle.c): what the answer's
 * outputs add for them. A bundle answer has `bundle` set and `item` NULL
 * (answer_int.h).
 */
#ifndef GS_BUNDLE_H
#define GS_BUNDLE_H

#include "notice.h"

/* JSON: the "bundle" member (instead of "item"), a material's "items"
 * member, and the bundle's "deadline" member. */
void gs_bundle_json_head(gs_buf *b, const govsvc_answer *a);
void gs_bundle_json_items(gs_buf *b, const govsvc_answer *a, const gs_amat *m);
void gs_bundle_json_deadline(gs_buf *b, const govsvc_answer *a);

/* The notice of a bundle (for every layout): header with the items and
 * their time limits, the merged materials with the items needing each, the
 * bundle's time limit, questions and footer. Returns 0 or GOVSVC_ENOMEM. */
int gs_bundle_notice(gs_notice *n, const govsvc_answer *a);

#endif
