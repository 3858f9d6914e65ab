/*
 * deadline_int.h - deadline events inside answers (deadline.c): the due
 * dates of an item answer counted through the events of govsvc/deadline.h,
 * and how the answer's outputs show them.
 */
#ifndef GS_DEADLINE_INT_H
#define GS_DEADLINE_INT_H

#include "notice.h"

/* Recounts the promised and statutory due dates of item answer `a` through
 * the events (copied into the answer). Returns 0, or GOVSVC_EINVAL (E120-
 * E124: an event out of order or sequence, a bad extension), GOVSVC_ERANGE
 * (E071) or GOVSVC_ENOMEM, with the diagnostic in d. */
int gs_deadline_apply(govsvc_answer *a, const govsvc_event *events, size_t n,
                      govsvc_diag_list *d);

/* The JSON "deadline" member of an answer with events (answer_json.c
 * writes the others): the limits with their recounted `due`, or `due`:
 * null and `remaining` while a clock stands, `extended`, and `events`. */
void gs_deadline_json(gs_buf *b, const govsvc_answer *a);

/* The notice's lines about the events: each event, and a clock that
 * stands with what remains (notice.c shows the recounted due dates). */
void gs_deadline_notice(gs_notice *n, const govsvc_answer *a);

#endif
