/* The one Apple SDK header the C code compiled for lints includes (ring's base.h). The object
 * files are never linked, so the macros only need to tell macOS from iOS, as the real one does. */
#ifndef TARGET_CONDITIONALS_H
#define TARGET_CONDITIONALS_H

#define TARGET_OS_MAC 1
#if defined(__ENVIRONMENT_IPHONE_OS_VERSION_MIN_REQUIRED__)
#define TARGET_OS_OSX 0
#define TARGET_OS_IPHONE 1
#define TARGET_OS_IOS 1
#else
#define TARGET_OS_OSX 1
#define TARGET_OS_IPHONE 0
#define TARGET_OS_IOS 0
#endif
#define TARGET_OS_SIMULATOR 0

#endif
