/* Shared includes for the cmocka unit tests. */
#ifndef COACH_TESTUTIL_H
#define COACH_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#endif
