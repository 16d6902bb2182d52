#ifndef RUNBOOK_CLIBFUZZER_H
#define RUNBOOK_CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// Defined by each fuzz target in Swift with @_cdecl.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/// Runs libFuzzer's driver (compiler-rt's LLVMFuzzerRunDriver) on the command line with the target's
/// LLVMFuzzerTestOneInput: what libFuzzer's own `main` does, for executables whose `main` SwiftPM renames.
int runbook_fuzz_main(int argc, char **argv);

#endif
