// Keeps the release binary loadable on Amazon Linux 2023 (glibc 2.34, the libstdc++ of
// GCC 11) when it is built on Debian 12 (glibc 2.36, GCC 12).
//
// The Swift toolchain's static libraries call three functions that got a new symbol
// version in those newer libraries: hypot and hypotf (GLIBC_2.35: the same function
// without the old SVID error-handling wrapper) and std::condition_variable::wait
// (GLIBCXX_3.4.30: only forced unwinding on thread cancellation differs, and druidwatch
// cancels no threads). Linked as they are, the loader refuses the binary outright on
// AL2023 ("version `GLIBC_2.35' not found"). Defined here, the static libraries' calls
// bind to these functions when the binary is linked, and these call the versions every
// glibc and libstdc++ since 2008 still export. They are hidden: exported, the loader
// could bind the versioned calls below back to them. packaging/build-packages checks the
// binary's version needs against AL2023's.
#if defined(__linux__) && (defined(__x86_64__) || defined(__aarch64__))

#if defined(__x86_64__)
#define DRUIDWATCH_GLIBC_BASE "GLIBC_2.2.5"
#else
#define DRUIDWATCH_GLIBC_BASE "GLIBC_2.17"
#endif

#define DRUIDWATCH_HIDDEN __attribute__((visibility("hidden")))

double druidwatch_hypot_base(double x, double y);
float druidwatch_hypotf_base(float x, float y);
void druidwatch_condition_variable_wait_3_4_11(void *condition, void *lock);

__asm__(".symver druidwatch_hypot_base, hypot@" DRUIDWATCH_GLIBC_BASE);
__asm__(".symver druidwatch_hypotf_base, hypotf@" DRUIDWATCH_GLIBC_BASE);
__asm__(".symver druidwatch_condition_variable_wait_3_4_11, _ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE@GLIBCXX_3.4.11");

DRUIDWATCH_HIDDEN double hypot(double x, double y) { return druidwatch_hypot_base(x, y); }

DRUIDWATCH_HIDDEN float hypotf(float x, float y) { return druidwatch_hypotf_base(x, y); }

// std::condition_variable::wait(std::unique_lock<std::mutex>&), by its mangled name.
DRUIDWATCH_HIDDEN void _ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE(void *condition, void *lock) {
    druidwatch_condition_variable_wait_3_4_11(condition, lock);
}

#endif
