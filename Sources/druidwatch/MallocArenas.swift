#if canImport(CMalloc)
import CMalloc
import Glibc
#endif

/// glibc hands threads that contend for malloc arenas of their own (up to eight per
/// core), and memory freed in one arena is not reused by the others. The agent's hot
/// path is one receiver and one aggregator, so extra arenas only hold memory: at 10,000
/// emitter events/s its anonymous memory peaked at 16.4 MB with glibc's default (seven
/// arenas besides the main one) and at 14.0 MB with one, for the same events per
/// CPU-second through the receiver (docs/benchmarks-compare.md, "Memory"). An
/// operator's own MALLOC_ARENA_MAX still wins.
enum MallocArenas {
    static func limitUnlessConfigured() {
        #if canImport(CMalloc)
        guard getenv("MALLOC_ARENA_MAX") == nil else { return }
        _ = mallopt(M_ARENA_MAX, 1)
        #endif
    }
}
