import DruidWatchAWS
import Foundation
import LibFuzzerDriver

// The JSON-protocol answers: Secrets Manager's error bodies and the Druid secret's value.
LibFuzzer.run { body in
    let data = Data(body)
    _ = AWSJSONError.serviceError(status: 400, headers: [HTTPHeader("Content-Type", "application/x-amz-json-1.1")], body: data)
    _ = try? DruidSystemCredentials.parseSecret(String(decoding: body, as: UTF8.self))
}
