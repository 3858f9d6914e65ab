/*
 * fuzz_facts.c - an applicant's facts from any input: a facts file (YAML
 * or JSON) and NAME=VALUE lines as `govsvc query --fact` passes them to
 * govsvc_facts_set_text(), then a query with what was accepted.
 *
 * The input is split at a line "#@@": the part before is the facts file,
 * each line after it one NAME=VALUE. The rulebook declares a fact of every
 * type, with ranges, a pattern and defaults.
 */
#include <string.h>

#include "fuzz_common.h"

static govsvc_rulebook *rb;

static const char RULEBOOK[] =
    "govsvc: 1\n"
    "rulebook: {id: fuzz, version: \"1\", effective: 2026-01-01}\n"
    "calendar: cal.yaml\n"
    "policy:\n"
    "  commitment_eligible: \"not applicant.false_commitment and applicant.credit != 'D'\"\n"
    "  deferral_eligible: \"applicant.credit in ['A', 'B']\"\n"
    "facts:\n"
    "  applicant.type: {type: enum, values: [person, enterprise], label: 申请人类型}\n"
    "  applicant.credit: {type: enum, values: [A, B, C, D], default: B}\n"
    "  applicant.false_commitment: {type: bool, default: false}\n"
    "  premises.area: {type: number, min: 0, max: 1000000}\n"
    "  shared.license: {type: bool}\n"
    "  applicant.region: {type: string, pattern: '^[0-9]{6}$'}\n"
    "  applicant.name: {type: string}\n"
    "  applicant.age: {type: int, min: 0, max: 150}\n"
    "  application.birth: {type: date}\n"
    "materials:\n"
    "  form: {name: 申请表}\n"
    "  license: {name: 营业执照, shared_when: shared.license}\n"
    "  proof: {name: 证明, commitment: {allowed: true, verify_within: 20 working days}}\n"
    "  plan: {name: 平面图}\n"
    "items:\n"
    "  - code: T\n"
    "    name: 测试\n"
    "    type: license\n"
    "    deadline: [{when: \"premises.area >= 1000\", statutory: 20 working days},\n"
    "               {statutory: 10 working days, promised: 3个工作日}]\n"
    "    materials:\n"
    "      - ref: form\n"
    "      - {ref: license, when: \"applicant.type != 'person'\"}\n"
    "      - {ref: proof, when: \"applicant.age >= 18 or application.birth < 2008-01-01\"}\n"
    "      - {ref: plan, when: \"premises.area >= 300 and applicant.region matches '^23'\",\n"
    "         deferrable: 5 working days}\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_write("rulebook.yaml", RULEBOOK, sizeof RULEBOOK - 1);
    govsvc_diag_list *d = NULL;
    if (govsvc_rulebook_load(&rb, fuzz_path("rulebook.yaml"), NULL, &d) != 0) {
        fuzz_print_diags(d);
        fuzz_fail("the fuzz rulebook does not load");
    }
    govsvc_diag_list_free(d);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *parts[2];
    size_t lens[2];
    size_t n = fuzz_split(data, size, parts, lens, 2);
    govsvc_facts *f = NULL;
    if (govsvc_facts_new(&f, rb) != 0)
        fuzz_fail("facts_new");
    fuzz_write("facts.yaml", parts[0], lens[0]);
    govsvc_diag_list *d = NULL;
    int r = govsvc_facts_set_from_file(f, fuzz_path("facts.yaml"), &d);
    if (r != 0 && r != GOVSVC_EFACT && r != GOVSVC_ELIMIT)
        fuzz_fail("facts file: unexpected status");
    if ((r != 0) != (govsvc_diag_list_count_severity(d, GOVSVC_SEVERITY_ERROR) > 0))
        fuzz_fail("facts file: status and diagnostics disagree");
    govsvc_diag_list_free(d);
    /* NAME=VALUE lines, each a C string as argv would give it. */
    const char *p = n > 1 ? (const char *)parts[1] : NULL;
    size_t left = n > 1 ? lens[1] : 0;
    while (p && left) {
        const char *nl = memchr(p, '\n', left);
        size_t len = nl ? (size_t)(nl - p) : left;
        char line[512];
        if (len < sizeof line) {
            memcpy(line, p, len);
            line[len] = '\0';
            char *eq = strchr(line, '=');
            if (eq) {
                *eq = '\0';
                r = govsvc_facts_set_text(f, line, eq + 1);
                if (r != 0 && r != GOVSVC_EFACT)
                    fuzz_fail("set_text: unexpected status");
                const govsvc_diag *e = govsvc_facts_last_error(f);
                if (r == GOVSVC_EFACT && (!e || !e->fact || !e->hint))
                    fuzz_fail("a refused fact without its error");
                if (e && gs_utf8_invalid_offset(e->message, strlen(e->message)) >= 0)
                    fuzz_fail("a fact error message is not valid UTF-8");
            }
        }
        if (!nl)
            break;
        left -= len + 1;
        p = nl + 1;
    }
    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    o.date = (govsvc_date){2026, 2, 13};
    o.flags = GOVSVC_QUERY_EXPLAIN;
    govsvc_answer *a = NULL;
    r = govsvc_query_item(&a, rb, "T", f, &o, NULL);
    if (r != 0)
        fuzz_fail("query with accepted facts failed");
    char *json = NULL, *text = NULL;
    size_t jl, tl;
    if (govsvc_answer_to_json(a, &json, &jl) != 0 || govsvc_answer_to_text(a, &text, &tl) != 0)
        fuzz_fail("output failed");
    if (gs_utf8_invalid_offset(json, jl) >= 0 || gs_utf8_invalid_offset(text, tl) >= 0)
        fuzz_fail("output is not valid UTF-8");
    govsvc_free(json);
    govsvc_free(text);
    govsvc_answer_free(a);
    govsvc_facts_free(f);
    return 0;
}
