import DruidWatchCore
import LibFuzzerDriver

LibFuzzer.run { body in
    _ = try? PerfDataParser.parse(Array(body))
}
