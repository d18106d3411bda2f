import CLibFuzzer

#if canImport(Glibc)
import Glibc
#endif

/// Hands each input libFuzzer generates to one parser.
public enum LibFuzzer {
    /// libFuzzer calls back through a C function pointer, which cannot capture: the
    /// body waits here. It is set once, before the fuzzer starts, and the fuzzer calls
    /// it from its one thread.
    nonisolated(unsafe) fileprivate static var body: ((UnsafeRawBufferPointer) -> Void)?

    /// Runs the fuzzer with the process's arguments (libFuzzer's flags and corpus
    /// directories) and exits with its status: a crash, hang or allocation over
    /// `-rss_limit_mb`/`-malloc_limit_mb` ends the process with an error before this returns.
    public static func run(_ parse: @escaping (UnsafeRawBufferPointer) -> Void) -> Never {
        body = parse
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            LLVMFuzzerTestOneInput(data, size)
        })
    }
}

/// The runtime's own `main`, linked in though unused, refers to this name; the driver
/// above calls it too, so that there is one way in.
@_cdecl("LLVMFuzzerTestOneInput")
func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    LibFuzzer.body?(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
