import DruidWatchCore
import DruidWatchSources
import Testing

/// HostSource throws only when neither CPU nor memory can be read.
@Suite struct HostSourceFailureTests {
    @Test func treeWithoutStatOrMeminfoThrows() throws {
        let host = try ScratchHost()
        try host.useProc(from: "procfs-nfs-client")
        let source = HostSource(options: host.options(), statfs: StatfsStub([:]).function)
        let reason = "neither CPU nor memory figures could be read: \(host.procPath)/stat: unreadable; \(host.procPath)/meminfo: unreadable"
        #expect(throws: ProcParseError(file: host.procPath, reason: reason)) { try source.read() }
    }

    @Test func bothFilesMalformedThrowsWithBothReasons() async throws {
        let host = try ScratchHost()
        try host.writeProc("stat", "cpu0 1 2 3 4\n")
        try host.writeProc("meminfo", "MemFree: 100 kB\n")
        let source = HostSource(options: host.options(), statfs: StatfsStub([:]).function)
        let reason = "neither CPU nor memory figures could be read: \(host.procPath)/stat: no aggregate 'cpu' line; \(host.procPath)/meminfo: no MemTotal"
        #expect(throws: ProcParseError(file: host.procPath, reason: reason)) { try source.read() }
        await #expect(throws: ProcParseError.self) { try await source.collect(at: sampleTime) }
    }

    @Test func malformedStatStillGivesMemory() async throws {
        let host = try ScratchHost()
        try host.useProc(from: "k8s-node-no-swap")
        try host.writeProc("stat", "cpu0 1 2 3 4\n")
        let source = HostSource(options: host.options(), statfs: StatfsStub([:]).function)
        let snapshot = try source.read()
        #expect(snapshot.cpu == nil)
        #expect(snapshot.memory?.totalBytes == 4_026_036 * 1024)
        let result = try await source.collect(at: sampleTime)
        #expect(result.names == ["mem_used_percent", "mem_available_bytes"])
    }

    @Test func kubernetesNodeReportsItsDiskButNotItsSnapLoops() throws {
        let host = try ScratchHost()
        try host.useProc(from: "k8s-node-no-swap")
        for device in ["vda"] + (0..<12).map({ "loop\($0)" }) { try host.addBlockDevice(device) }
        let snapshot = try HostSource(options: host.options(), statfs: StatfsStub([:]).function).read()
        #expect(Set(snapshot.disks.keys) == ["vda"])
        #expect(snapshot.memory?.swapTotalBytes == 0)
        #expect(snapshot.filesystems.isEmpty && snapshot.interfaces.isEmpty && snapshot.load == nil)
    }
}
