import DruidWatchCore
import Foundation

/// Calls an AWS service over its JSON protocol: a POST to `/` whose `X-Amz-Target`
/// names the operation, `Content-Type: application/x-amz-json-1.1`, signed with SigV4
/// by curl (the target header is an `x-amz-*` header, so it is signed too). Errors
/// come back as `{"__type": "...", "message": "..."}`.
public struct AWSJSONClient: Sendable {
    public var http: any HTTPClient
    public var credentials: any AWSCredentialProvider
    public var region: String
    public var signingName: String
    /// `secretsmanager` for `secretsmanager.GetSecretValue`.
    public var targetPrefix: String
    public var endpoint: String
    public var connectTimeout: Duration
    public var requestTimeout: Duration

    public static let contentType = "application/x-amz-json-1.1"

    public init(
        http: any HTTPClient,
        credentials: any AWSCredentialProvider,
        region: String,
        signingName: String,
        targetPrefix: String,
        endpoint: String,
        connectTimeout: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(30)
    ) {
        self.http = http
        self.credentials = credentials
        self.region = region
        self.signingName = signingName
        self.targetPrefix = targetPrefix
        self.endpoint = endpoint
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
    }

    /// Sends `body` (a JSON object) to `operation` and returns the 2xx answer's body.
    public func call(_ operation: String, body: Data) async throws(AWSCallError) -> Data {
        let headers = [
            HTTPHeader("Content-Type", Self.contentType),
            HTTPHeader("X-Amz-Target", "\(targetPrefix).\(operation)"),
        ]
        let response = try await AWSSignedPost.send(
            http: http, credentials: credentials, region: region, signingName: signingName, endpoint: endpoint,
            headers: headers, body: body, connectTimeout: connectTimeout, requestTimeout: requestTimeout
        )
        guard response.isSuccess else {
            throw .service(AWSJSONError.serviceError(status: response.status, headers: response.headers, body: response.body))
        }
        return response.body
    }

    /// Encodes `input`, calls, and decodes the answer as `Output`.
    public func call<Input: Encodable, Output: Decodable>(_ operation: String, _ input: Input, as _: Output.Type) async throws(AWSCallError) -> Output {
        let answer = try await call(operation, body: try Self.encode(input, for: operation))
        do {
            return try JSONDecoder().decode(Output.self, from: answer)
        } catch {
            throw .malformedResponse("\(operation) answer is not the documented JSON: \(error)")
        }
    }

    /// Encodes `input` and calls, for operations whose answer carries nothing of use (an
    /// empty body or `{}`).
    public func send<Input: Encodable>(_ operation: String, _ input: Input) async throws(AWSCallError) {
        _ = try await call(operation, body: try Self.encode(input, for: operation))
    }

    private static func encode<Input: Encodable>(_ input: Input, for operation: String) throws(AWSCallError) -> Data {
        do {
            return try JSONEncoder().encode(input)
        } catch {
            throw .malformedResponse("could not encode the \(operation) request: \(error)")
        }
    }
}

/// Reading the JSON protocol's error answers into `AWSServiceError`.
public enum AWSJSONError {
    /// `__type` may carry a namespace (`com.amazonaws.secretsmanager#ResourceNotFoundException`)
    /// or a suffix after `:`; both are removed. The message is `message` or `Message`.
    /// `x-amzn-ErrorType` is used when the body has no `__type`. A body that is not
    /// JSON still yields an error that says what came back.
    public static func serviceError(status: Int, headers: [HTTPHeader], body: Data) -> AWSServiceError {
        let response = HTTPResponse(status: status, headers: headers, body: body)
        let requestId = response.header("x-amzn-RequestId") ?? response.header("x-amz-request-id")
        let parsed = try? JSONDecoder().decode(ErrorBody.self, from: body)
        let rawType = parsed?.type ?? response.header("x-amzn-ErrorType")
        if let rawType, !rawType.isEmpty {
            return AWSServiceError(
                httpStatus: status,
                code: code(from: rawType),
                message: parsed?.message ?? parsed?.Message ?? "",
                type: status >= 500 ? "Receiver" : "Sender",
                requestId: requestId
            )
        }
        let snippet = String(decoding: body.prefix(200), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
        return AWSServiceError(
            httpStatus: status,
            code: "HTTP\(status)",
            message: snippet.isEmpty ? "empty response body" : "unexpected response body: \(snippet)",
            requestId: requestId
        )
    }

    static func code(from type: String) -> String {
        var code = Substring(type)
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        return String(code)
    }

    private struct ErrorBody: Decodable {
        var type: String?
        var message: String?
        var Message: String?

        enum CodingKeys: String, CodingKey {
            case type = "__type"
            case message
            case Message
        }
    }
}
