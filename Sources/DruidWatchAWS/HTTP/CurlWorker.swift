import CCurl
import Foundation

/// One worker thread's loop: take a transfer, run it on this thread's easy handle,
/// hand the outcome back. The handle is reset, not recreated, between transfers so
/// that curl's connection cache survives.
final class CurlWorker: @unchecked Sendable {
    // @unchecked: after init the handle is touched only by the one thread running `run()`.
    private let queue: TransferQueue
    private let userAgent: String
    private let handle: UnsafeMutableRawPointer

    init(queue: TransferQueue, userAgent: String) {
        guard let handle = curl_easy_init() else {
            fatalError("curl_easy_init failed: libcurl could not allocate a handle")
        }
        self.queue = queue
        self.userAgent = userAgent
        self.handle = handle
    }

    deinit {
        curl_easy_cleanup(handle)
    }

    func run() {
        while let transfer = queue.next() {
            if transfer.isCancelled {
                transfer.complete(.failure(.cancelled))
                continue
            }
            transfer.complete(perform(transfer))
        }
    }

    private func perform(_ transfer: PendingTransfer) -> PendingTransfer.Outcome {
        let request = transfer.request
        curl_easy_reset(handle)
        let context = TransferContext(limit: request.maximumResponseBytes, transfer: transfer)
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }

        let outcome: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errorBytes in
            let unmanagedContext = Unmanaged.passUnretained(context).toOpaque()
            var setup = CurlOptions(handle: handle)
            setup.set(CURLOPT_ERRORBUFFER, pointer: errorBytes.baseAddress)
            setup.set(CURLOPT_URL, request.url)
            setup.set(CURLOPT_NOSIGNAL, 1)
            setup.set(CURLOPT_PROTOCOLS_STR, "http,https")
            setup.set(CURLOPT_FOLLOWLOCATION, 0)
            setup.set(CURLOPT_SSL_VERIFYPEER, 1)
            setup.set(CURLOPT_SSL_VERIFYHOST, 2)
            setup.set(CURLOPT_USERAGENT, userAgent)
            setup.set(CURLOPT_ACCEPT_ENCODING, "")
            setup.set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(request.connectTimeout))
            setup.set(CURLOPT_TIMEOUT_MS, Self.milliseconds(request.totalTimeout))
            setup.set(CURLOPT_WRITEFUNCTION, dataCallback: curlWriteBody)
            setup.set(CURLOPT_WRITEDATA, pointer: unmanagedContext)
            setup.set(CURLOPT_HEADERFUNCTION, dataCallback: curlWriteHeader)
            setup.set(CURLOPT_HEADERDATA, pointer: unmanagedContext)
            setup.set(CURLOPT_NOPROGRESS, 0)
            setup.set(CURLOPT_XFERINFOFUNCTION, progressCallback: curlCheckCancellation)
            setup.set(CURLOPT_XFERINFODATA, pointer: unmanagedContext)

            switch request.method {
            case .get:
                setup.set(CURLOPT_HTTPGET, 1)
            case .post:
                setup.set(CURLOPT_POST, 1)
            case .put, .delete:
                setup.set(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
            }
            if let body = request.body {
                setup.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: curl_off_t(body.count))
                body.withUnsafeBytes { bytes in
                    // COPYPOSTFIELDS copies, so the bytes need not outlive this closure.
                    setup.set(CURLOPT_COPYPOSTFIELDS, pointer: UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(("" as StaticString).utf8Start)))
                }
                if request.method != .post { setup.set(CURLOPT_CUSTOMREQUEST, request.method.rawValue) }
            } else if request.method == .post {
                setup.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: 0)
                setup.set(CURLOPT_POSTFIELDS, "")
            }

            var headers = request.headers
            if let signing = request.signing {
                setup.set(CURLOPT_AWS_SIGV4, "aws:amz:\(signing.region):\(signing.service)")
                setup.set(CURLOPT_USERNAME, signing.credentials.accessKeyId)
                setup.set(CURLOPT_PASSWORD, signing.credentials.secretAccessKey)
                if let token = signing.credentials.sessionToken {
                    // An x-amz-* header is part of what curl signs, as AWS requires for the token.
                    headers.append(HTTPHeader("X-Amz-Security-Token", token))
                }
            }
            if request.signing == nil {
                // Saves the round trip curl would spend on "Expect: 100-continue" for large
                // bodies. Not for signed requests: curl 7.88 lists a removed header in
                // SignedHeaders although it never sends it, which breaks the signature
                // (found by the botocore cross-check in CurlHTTPClientTests). Signed bodies
                // stay under curl's 1 MiB threshold for that header anyway.
                headers.append(HTTPHeader("Expect", ""))
            }
            for header in headers {
                let line = header.value.isEmpty ? "\(header.name):" : "\(header.name): \(header.value)"
                headerList = curl_slist_append(headerList, line)
            }
            setup.set(CURLOPT_HTTPHEADER, list: headerList)

            if let failure = setup.firstFailure {
                return failure
            }
            return curl_easy_perform(handle)
        }

        if outcome == CURLE_OK {
            var status = 0
            _ = dw_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
            return .success(HTTPResponse(status: status, headers: context.headers, body: context.body))
        }
        return .failure(Self.error(for: outcome, context: context, detail: String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), url: request.url))
    }

    private static func error(for code: CURLcode, context: TransferContext, detail: String, url: String) -> HTTPClientError {
        if context.exceededLimit { return .responseTooLarge(url: url, limit: context.limit) }
        if context.transfer.isCancelled { return .cancelled }
        let summary = String(cString: curl_easy_strerror(code))
        let message = detail.isEmpty || detail == summary ? summary : "\(summary): \(detail)"
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(url: url, message: message)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .couldNotConnect(url: url, message: message)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT:
            return .invalidRequest(message)
        default:
            return .transport(code: Int(code.rawValue), message: message, url: url)
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}

/// What curl's callbacks write into during one transfer; lives on the worker thread.
final class TransferContext {
    let limit: Int
    let transfer: PendingTransfer
    var body = Data()
    var headers: [HTTPHeader] = []
    var exceededLimit = false

    init(limit: Int, transfer: PendingTransfer) {
        self.limit = limit
        self.transfer = transfer
    }
}

private let curlWriteBody: dw_curl_data_callback = { data, size, count, context in
    let context = Unmanaged<TransferContext>.fromOpaque(context!).takeUnretainedValue()
    let length = size * count
    guard context.body.count + length <= context.limit else {
        context.exceededLimit = true
        return 0  // any count other than `length` makes curl abort the transfer
    }
    if let data, length > 0 {
        context.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length)
    }
    return length
}

private let curlWriteHeader: dw_curl_data_callback = { data, size, count, context in
    let context = Unmanaged<TransferContext>.fromOpaque(context!).takeUnretainedValue()
    let length = size * count
    guard let data, length > 0 else { return length }
    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
    if line.hasPrefix("HTTP/") {
        // A new status line: an interim (100 Continue) or earlier response is over.
        context.headers.removeAll()
    } else if let colon = line.firstIndex(of: ":") {
        let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
        let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        if context.headers.count < 256 { context.headers.append(HTTPHeader(name, value)) }
    }
    return length
}

private let curlCheckCancellation: dw_curl_progress_callback = { context, _, _, _, _ in
    let context = Unmanaged<TransferContext>.fromOpaque(context!).takeUnretainedValue()
    return context.transfer.isCancelled ? 1 : 0
}
