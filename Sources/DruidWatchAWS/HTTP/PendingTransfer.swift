import Synchronization

/// A request handed from an async caller to a curl worker thread, and the way back.
/// The caller's continuation is resumed exactly once, whichever of completion,
/// refusal or cancellation gets there first, even if that happens before the
/// continuation is attached.
final class PendingTransfer: Sendable {
    typealias Outcome = Result<HTTPResponse, HTTPClientError>
    typealias Waiter = CheckedContinuation<Outcome, Never>

    private enum Delivery {
        case pending
        case waiting(Waiter)
        case finishedBeforeAttach(Outcome)
        case delivered
    }

    let request: HTTPRequest
    private let delivery = Mutex(Delivery.pending)
    private let cancelled = Atomic<Bool>(false)

    init(request: HTTPRequest) {
        self.request = request
    }

    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    func cancel() {
        cancelled.store(true, ordering: .relaxed)
    }

    func attach(_ waiter: Waiter) {
        let ready: Outcome? = delivery.withLock { delivery in
            if case let .finishedBeforeAttach(outcome) = delivery {
                delivery = .delivered
                return outcome
            }
            delivery = .waiting(waiter)
            return nil
        }
        if let ready { waiter.resume(returning: ready) }
    }

    func complete(_ outcome: Outcome) {
        let waiter: Waiter? = delivery.withLock { delivery in
            switch delivery {
            case .pending:
                delivery = .finishedBeforeAttach(outcome)
                return nil
            case let .waiting(waiter):
                delivery = .delivered
                return waiter
            case .finishedBeforeAttach, .delivered:
                return nil
            }
        }
        waiter?.resume(returning: outcome)
    }
}
