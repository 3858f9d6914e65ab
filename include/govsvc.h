/*
 * govsvc.h - libgovsvc: government service standards as answers.
 *
 * libgovsvc reads a versioned YAML rulebook (docs and ../SPEC: rulebook
 * format 1), compiles it into an immutable decision table, and answers for a
 * service item and an applicant's facts: which materials to submit, which the
 * hall fetches itself, which a signed commitment may replace, which may be
 * handed in later, and by when everything is due.
 *
 * Include this header only; it includes the module headers.
 */
#ifndef GOVSVC_H
#define GOVSVC_H

#include "govsvc/common.h"
#include "govsvc/diag.h"
#include "govsvc/rulebook.h"
#include "govsvc/facts.h"
#include "govsvc/calendar.h"
#include "govsvc/answer.h"
#include "govsvc/notice.h"
#include "govsvc/registry.h"
#include "govsvc/lint.h"
#include "govsvc/ruletest.h"
#include "govsvc/deadline.h"
#include "govsvc/history.h"
#include "govsvc/diff.h"
#include "govsvc/stats.h"

#endif
