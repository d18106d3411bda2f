import Testing

/// Parent of every suite that touches process-wide state (environment variables,
/// file descriptor 2). `.serialized` is inherited by the nested suites, so none of
/// them run concurrently with each other. Nothing else in the test process reads
/// NOTIFY_SOCKET, WATCHDOG_USEC, WATCHDOG_PID or JOURNAL_STREAM.
@Suite(.serialized)
struct ProcessStateTests {}
