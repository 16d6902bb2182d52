import CLibFuzzer
import RunbookFuzzHarness

/// libFuzzer calls this once per input; built with -parse-as-library, so no top-level code runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzHarness.sql(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// SwiftPM links executables with `main` renamed to `<module>_main` (so that tests can link them); with
/// -parse-as-library there is no such function, so this one starts libFuzzer's driver.
@_cdecl("FuzzSQL_main")
public func fuzzMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
) -> CInt {
    runbook_fuzz_main(argc, argv)
}
