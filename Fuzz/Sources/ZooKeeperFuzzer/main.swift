import DruidWatchCore
import Foundation
import LibFuzzerDriver

// The four-letter `mntr` answer and the AdminServer's `monitor` JSON carry the same figures.
LibFuzzer.run { body in
    let data = Data(body)
    _ = try? MntrParser.parse(data)
    _ = try? MonitorJSONParser.parse(data)
}
