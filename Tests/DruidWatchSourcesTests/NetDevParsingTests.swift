import DruidWatchSources
import Testing

/// `/proc/net/dev`: per-interface byte, packet, error and drop counters.
@Suite struct NetDevParsingTests {
    @Test func thisMachine() throws {
        let netDev = NetDev.parse(try procFixture("sandbox-vm", "net/dev"))
        #expect(Set(netDev.interfaces.keys) == ["lo", "ifb0", "ifb1", "eth0"])
        #expect(netDev.skippedLines == 0)
        let eth0 = try #require(netDev.interfaces["eth0"])
        #expect(eth0.bytesReceived == 262_505_113 && eth0.packetsReceived == 7787)
        #expect(eth0.bytesSent == 570_790 && eth0.packetsSent == 4718)
        #expect(eth0.errorsIn == 0 && eth0.dropsIn == 0 && eth0.errorsOut == 0 && eth0.dropsOut == 0)
        #expect(netDev.interfaces["lo"]?.bytesSent == 6_718_989)
    }

    @Test func namesWithColonsAndCountersGluedToTheColon() throws {
        let netDev = NetDev.parse(try procFixture("node-exporter-8cpu-dm-nvme", "net/dev"))
        #expect(Set(netDev.interfaces.keys) == ["tun0", "veth4B09XN", "lo", "eth0", "lxcbr0", "wlan0", "docker0", "ibr10:30"])
        #expect(netDev.skippedLines == 0)
        // "  eth0:68210035552 520993275 ...": no space between the colon and the first counter.
        let eth0 = try #require(netDev.interfaces["eth0"])
        #expect(eth0.bytesReceived == 68_210_035_552 && eth0.packetsReceived == 520_993_275)
        #expect(eth0.bytesSent == 9_315_587_528 && eth0.packetsSent == 43_451_486)
        let wlan0 = try #require(netDev.interfaces["wlan0"])
        #expect(wlan0.bytesReceived == 10_437_182_923 && wlan0.bytesSent == 2_851_649_360)
        #expect(netDev.interfaces["ibr10:30"]?.bytesReceived == 0)
        #expect(netDev.interfaces["lxcbr0"]?.packetsSent == 28339)
    }

    @Test func errorAndDropColumns() {
        let text = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
              eth0: 1000 10 3 4 5 6 7 8 2000 20 11 12 13 14 15 16
            """
        let eth0 = NetDev.parse(text).interfaces["eth0"]
        #expect(eth0?.errorsIn == 3 && eth0?.dropsIn == 4)
        #expect(eth0?.bytesSent == 2000 && eth0?.packetsSent == 20)
        #expect(eth0?.errorsOut == 11 && eth0?.dropsOut == 12)
    }

    @Test func malformedLinesAreSkippedAndCountedHeadersAreNot() {
        let text = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
              eth0: 1 2 3
              eth1: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16
                  : 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16
              eth2: 1 2 - 4 5 6 7 8 9 10 11 12 13 14 15 16
            nonsense
            """
        let netDev = NetDev.parse(text)
        #expect(Set(netDev.interfaces.keys) == ["eth1"])
        #expect(netDev.interfaces["eth1"]?.bytesSent == 9)
        #expect(netDev.skippedLines == 4)
    }
}
