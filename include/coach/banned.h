/* Unsafe string functions, refused at compile time for every module. */
#ifndef COACH_BANNED_H
#define COACH_BANNED_H

#include <string.h>
#include <stdio.h>

#pragma GCC poison strcpy strcat sprintf vsprintf strtok gets

#endif
