import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// `java.util.Properties.load` semantics, on Druid's own files and on hostile input.
@Suite struct RuntimePropertiesTests {
    private func fixture(_ path: String) throws -> RuntimeProperties {
        RuntimeProperties.parse(try Data(contentsOf: Fixtures.url("druid/conf/druid/cluster/\(path)")))
    }

    @Test func distributionFiles() throws {
        let common = try fixture("_common/common.runtime.properties")
        #expect(common["druid.extensions.loadList"] == #"["druid-hdfs-storage", "druid-kafka-indexing-service", "druid-datasketches", "druid-multi-stage-query", "druid-basic-security", "mysql-metadata-storage"]"#)
        #expect(common["druid.zk.paths.base"] == "/druid")
        #expect(common["druid.escalator.internalClientUsername"] == "druid_system")
        #expect(common.values.keys.allSatisfy { !$0.hasPrefix("#") && !$0.hasPrefix("!") })

        let coordinator = try fixture("master/coordinator-overlord/runtime.properties")
        #expect(coordinator.serviceName == "druid/coordinator")
        #expect(coordinator.listenAddress(for: .coordinator) == DruidListenAddress(scheme: "http", port: 8081))
        #expect(coordinator.bool("druid.coordinator.asOverlord.enabled") == true)

        let middleManager = try fixture("data/middleManager/runtime.properties")
        #expect(middleManager.listenAddress(for: .middleManager)?.port == 8091)
        #expect(middleManager["druid.worker.baseTaskDirs"] == #"["var/druid/task"]"#)
    }

    @Test func crlfContinuationAndTLSOnly() throws {
        let historical = try fixture("data/historical/runtime.properties")
        #expect(historical["druid.segmentCache.locations"] == #"[{"path":"var/druid/segment-cache","maxSize":"300g"}]"#)
        #expect(historical["druid.server.maxSize"] == "300g")
        #expect(historical.listenAddress(for: .historical) == DruidListenAddress(scheme: "https", port: 8283))
        #expect(historical.values.count == 6)
    }

    @Test func separatorsAndWhitespace() {
        let properties = RuntimeProperties.parse(
            "a=1\nb = 2\nc:3\nd 4\n  e    =    5   \nf\t:\t6\ng\nh=\ni==7\nj:=8\nk = 9 = 10"
        )
        #expect(properties["a"] == "1")
        #expect(properties["b"] == "2")
        #expect(properties["c"] == "3")
        #expect(properties["d"] == "4")
        #expect(properties["e"] == "5   ", "trailing white space belongs to the value")
        #expect(properties["f"] == "6")
        #expect(properties["g"] == "")
        #expect(properties["h"] == "")
        #expect(properties["i"] == "=7")
        #expect(properties["j"] == "=8")
        #expect(properties["k"] == "9 = 10")
    }

    @Test func escapes() {
        let properties = RuntimeProperties.parse(##"""
        key\ with\ spaces=v
        key\=eq\:colon=v2
        tabs=a\tb\nc\rd\fe
        unicode=caf\u00e9 \u20AC
        pair=\uD83D\uDE00
        lone=\uD83Dx
        bad=\u12G4 end
        short=\u12
        other=\q\#\!\\
        """##)
        #expect(properties["key with spaces"] == "v")
        #expect(properties["key=eq:colon"] == "v2")
        #expect(properties["tabs"] == "a\tb\nc\rd\u{0C}e")
        #expect(properties["unicode"] == "café €")
        #expect(properties["pair"] == "😀")
        #expect(properties["lone"] == "\u{FFFD}x")
        #expect(properties["bad"] == #"\u12G4 end"#)
        #expect(properties["short"] == #"\u12"#)
        #expect(properties["other"] == #"q#!\"#)
        #expect(properties.malformedEscapes == 2)
    }

    @Test func continuationsAndComments() {
        let properties = RuntimeProperties.parse("# comment \\\nnot.continued=1\n  ! also a comment\nlong=one, \\\n     two, \\\n\tthree\neven=ends\\\\\nnext=2\nbroken=x\\\n\nafter=3\nlast=end\\")
        #expect(properties["not.continued"] == "1")
        #expect(properties["long"] == "one, two, three")
        #expect(properties["even"] == "ends\\", "an even run of backslashes does not continue the line")
        #expect(properties["next"] == "2")
        #expect(properties["broken"] == "x", "an empty continuation line ends the logical line")
        #expect(properties["after"] == "3")
        #expect(properties["last"] == "end")
        #expect(properties.values.count == 7)
    }

    @Test func laterDefinitionsWinAndOverlays() {
        let file = RuntimeProperties.parse("druid.plaintextPort=8082\ndruid.plaintextPort=9082\ndruid.service=druid/broker\n")
        #expect(file["druid.plaintextPort"] == "9082")
        let overlaid = file.overlaid(with: RuntimeProperties(["druid.plaintextPort": "7082"]))
        #expect(overlaid.listenAddress(for: .broker)?.port == 7082)
        #expect(overlaid.serviceName == "druid/broker")
    }

    @Test func ports() {
        #expect(RuntimeProperties().listenAddress(for: .router) == DruidListenAddress(scheme: "http", port: 8888))
        #expect(RuntimeProperties().listenAddress(for: .overlord)?.port == 8090)
        #expect(RuntimeProperties(["druid.port": "9000"]).listenAddress(for: .broker)?.port == 9000)
        #expect(RuntimeProperties(["druid.port": "9000", "druid.plaintextPort": "9001"]).listenAddress(for: .broker)?.port == 9001)
        #expect(RuntimeProperties(["druid.plaintextPort": "http"]).listenAddress(for: .broker) == nil)
        #expect(RuntimeProperties(["druid.plaintextPort": "70000"]).listenAddress(for: .broker) == nil)
        #expect(RuntimeProperties(["druid.enablePlaintextPort": "false"]).listenAddress(for: .broker) == nil)
        #expect(RuntimeProperties(["druid.enablePlaintextPort": "FALSE", "druid.enableTlsPort": "true"]).listenAddress(for: .broker)
            == DruidListenAddress(scheme: "https", port: 8282))
        #expect(RuntimeProperties(["druid.enablePlaintextPort": "false", "druid.enableTlsPort": "true"]).listenAddress(for: .peon) == nil)
        #expect(RuntimeProperties(["druid.service": "  "]).serviceName == nil)
    }

    @Test func invalidUTF8IsReplacedNotFatal() {
        var bytes = Array("druid.service=druid/bro".utf8)
        bytes += [0xC3, 0x28, 0xFF]
        bytes += Array("ker\ndruid.plaintextPort=8082\n".utf8)
        let properties = RuntimeProperties.parse(bytes)
        #expect(properties["druid.service"] == "druid/bro\u{FFFD}(\u{FFFD}ker")
        #expect(properties["druid.plaintextPort"] == "8082")
    }

    @Test func hugeInputParsesInLinearTime() {
        // 8 MB: 100k properties, then one 2 MB value made of 200k continuation lines.
        var text = ""
        text.reserveCapacity(9 << 20)
        for index in 0..<100_000 { text += "druid.generated.key\(index)=value \(index) with some padding text\n" }
        text += "druid.long="
        for _ in 0..<200_000 { text += "0123456789\\\n   " }
        text += "end\ndruid.plaintextPort=8083\n"
        let clock = ContinuousClock()
        let start = clock.now
        let properties = RuntimeProperties.parse(text)
        #expect(clock.now - start < .seconds(20))
        #expect(properties.values.count == 100_002)
        #expect(properties["druid.long"]?.count == 2_000_003)
        #expect(properties["druid.plaintextPort"] == "8083")
    }

    @Test func emptyAndDegenerateInput() {
        #expect(RuntimeProperties.parse("").values.isEmpty)
        #expect(RuntimeProperties.parse("\n\r\n\r\n   \t\n#\n!").values.isEmpty)
        #expect(RuntimeProperties.parse("\\").values.isEmpty)
        #expect(RuntimeProperties.parse("=value")[""] == "value")
        #expect(RuntimeProperties.parse([UInt8](repeating: 0, count: 16))["\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"] == "")
    }
}
