#ifndef DRUIDWATCH_CLIBFUZZER_H
#define DRUIDWATCH_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

// Defined by the fuzzer runtime that `-sanitize=fuzzer` links in. SwiftPM points an
// executable's `main` at the Swift module's entry point, so libFuzzer's own `main`
// never runs: the Swift entry point starts the fuzzer through this instead.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
