import Testing

@testable import DruidWatchSystemd

#if canImport(Glibc)
import Glibc
#endif

extension ProcessStateTests {
    /// Real sd_notify(3) and sd_watchdog_enabled(3) calls: both read the process
    /// environment, so these tests set it (serialized, restored afterwards).
    @Suite struct SystemdNotifierTests {
        @Test func sendsEachNotificationAsOneDatagram() throws {
            let socket = try NotifySocket()
            withEnvironment(["NOTIFY_SOCKET": socket.path]) {
                let notifier = SystemdNotifier()
                notifier.ready(status: "watching 3 clusters")
                notifier.status("last upload 10:00:00")
                notifier.watchdogPing()
                notifier.stopping(status: "shutting down")
            }
            #expect(socket.receive() == "READY=1\nSTATUS=watching 3 clusters")
            #expect(socket.receive() == "STATUS=last upload 10:00:00")
            #expect(socket.receive() == "WATCHDOG=1")
            #expect(socket.receive() == "STOPPING=1\nSTATUS=shutting down")
            #expect(socket.receiveIfQueued() == nil)
        }

        @Test func sendReportsDelivery() throws {
            let socket = try NotifySocket()
            let result = withEnvironment(["NOTIFY_SOCKET": socket.path]) { SystemdNotifier().send("STATUS=x") }
            #expect(result > 0)
            #expect(socket.receive() == "STATUS=x")
        }

        @Test func statusKeepsUnicodeText() throws {
            let socket = try NotifySocket()
            withEnvironment(["NOTIFY_SOCKET": socket.path]) { SystemdNotifier().status("Überwachung läuft ✓") }
            #expect(socket.receive() == "STATUS=Überwachung läuft ✓")
        }

        @Test func notifySocketStaysSetForLaterCalls() throws {
            // sd_notify is called with unset_environment = 0: a second call still reaches systemd.
            let socket = try NotifySocket()
            withEnvironment(["NOTIFY_SOCKET": socket.path]) {
                SystemdNotifier().watchdogPing()
                #expect(getenv("NOTIFY_SOCKET").map { String(cString: $0) } == socket.path)
                SystemdNotifier().watchdogPing()
            }
            #expect(socket.receive() == "WATCHDOG=1")
            #expect(socket.receive() == "WATCHDOG=1")
        }

        @Test func withoutNotifySocketEveryCallIsANoOp() throws {
            let socket = try NotifySocket()
            let result = withEnvironment(["NOTIFY_SOCKET": nil]) {
                let notifier = SystemdNotifier()
                notifier.ready(status: "ready")
                notifier.status("status")
                notifier.watchdogPing()
                notifier.stopping(status: "stopping")
                return notifier.send("STATUS=direct")
            }
            #expect(result == 0)
            #expect(socket.receiveIfQueued() == nil)
        }

        @Test func unreachableNotifySocketIsIgnored() {
            let missing = "/tmp/dwsd-missing-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"
            let result = withEnvironment(["NOTIFY_SOCKET": missing]) {
                let notifier = SystemdNotifier()
                notifier.ready(status: "nobody listens")
                notifier.watchdogPing()
                return notifier.send("STATUS=x")
            }
            #expect(result < 0)
        }

        @Test func watchdogIntervalIsHalfOfWatchdogUsec() {
            let interval = withEnvironment(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(getpid())"]) {
                SystemdNotifier().watchdogPingInterval
            }
            #expect(interval == .seconds(15))
        }

        @Test func watchdogIntervalKeepsMicroseconds() {
            let interval = withEnvironment(["WATCHDOG_USEC": "1000001", "WATCHDOG_PID": "\(getpid())"]) {
                SystemdNotifier().watchdogPingInterval
            }
            #expect(interval == .microseconds(500_000))
        }

        @Test func watchdogWithoutPidAppliesToThisProcess() {
            let interval = withEnvironment(["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": nil]) {
                SystemdNotifier().watchdogPingInterval
            }
            #expect(interval == .seconds(1))
        }

        @Test func watchdogForAnotherProcessIsIgnored() {
            let interval = withEnvironment(["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "\(getpid() + 1)"]) {
                SystemdNotifier().watchdogPingInterval
            }
            #expect(interval == nil)
        }

        @Test func noWatchdogMeansNoInterval() {
            let interval = withEnvironment(["WATCHDOG_USEC": nil, "WATCHDOG_PID": nil]) {
                SystemdNotifier().watchdogPingInterval
            }
            #expect(interval == nil)
        }

        @Test(arguments: ["0", "", "soon", "-5", "18446744073709551615"])
        func invalidWatchdogUsecMeansNoInterval(value: String) {
            let interval = withEnvironment(["WATCHDOG_USEC": value, "WATCHDOG_PID": "\(getpid())"]) {
                SystemdNotifier().watchdogPingInterval
            }
            #expect(interval == nil)
        }
    }
}
