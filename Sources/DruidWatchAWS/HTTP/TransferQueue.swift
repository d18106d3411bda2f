import Dispatch
import Synchronization

/// The bounded hand-off between callers and curl worker threads.
final class TransferQueue: Sendable {
    private struct State {
        var waiting: [PendingTransfer] = []
        var isShutDown = false
    }

    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Queues the transfer, or says why it was refused.
    func enqueue(_ transfer: PendingTransfer) -> HTTPClientError? {
        let refusal: HTTPClientError? = state.withLock { state in
            if state.isShutDown { return .shutDown }
            if state.waiting.count >= capacity { return .queueFull(limit: capacity) }
            state.waiting.append(transfer)
            return nil
        }
        if refusal == nil { available.signal() }
        return refusal
    }

    /// Takes a queued transfer out before a worker starts it; false when already started.
    func remove(_ transfer: PendingTransfer) -> Bool {
        state.withLock { state in
            guard let index = state.waiting.firstIndex(where: { $0 === transfer }) else { return false }
            state.waiting.remove(at: index)
            return true
        }
    }

    /// Blocks the calling worker thread until there is work; nil means "exit".
    func next() -> PendingTransfer? {
        while true {
            available.wait()
            let outcome: (transfer: PendingTransfer?, exit: Bool) = state.withLock { state in
                if !state.waiting.isEmpty { return (state.waiting.removeFirst(), false) }
                return (nil, state.isShutDown)
            }
            if let transfer = outcome.transfer { return transfer }
            if outcome.exit { return nil }
            // A signal whose transfer was cancelled while queued: wait again.
        }
    }

    func shutDown(workerCount: Int) {
        let abandoned: [PendingTransfer]? = state.withLock { state in
            if state.isShutDown { return nil }
            state.isShutDown = true
            defer { state.waiting.removeAll() }
            return state.waiting
        }
        guard let abandoned else { return }
        for transfer in abandoned { transfer.complete(.failure(.shutDown)) }
        for _ in 0..<workerCount { available.signal() }
    }
}
