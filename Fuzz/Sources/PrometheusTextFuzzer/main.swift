import DruidWatchCore
import LibFuzzerDriver

let parser = PrometheusTextParser()

LibFuzzer.run { body in
    _ = try? parser.parse(bytes: Array(body))
}
