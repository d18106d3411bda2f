import CCurl

/// Sets options on an easy handle, remembering the first failure so that setup code
/// reads as a list instead of a ladder of checks.
struct CurlOptions {
    let handle: UnsafeMutableRawPointer
    private(set) var firstFailure: CURLcode?

    init(handle: UnsafeMutableRawPointer) {
        self.handle = handle
    }

    mutating func set(_ option: CURLoption, _ value: Int) {
        record(dw_curl_setopt_long(handle, option, value))
    }

    mutating func set(_ option: CURLoption, offset value: curl_off_t) {
        record(dw_curl_setopt_off_t(handle, option, value))
    }

    /// curl copies string options (since 7.17), so the Swift string need not outlive the call.
    mutating func set(_ option: CURLoption, _ value: String) {
        record(dw_curl_setopt_string(handle, option, value))
    }

    mutating func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) {
        record(dw_curl_setopt_pointer(handle, option, value))
    }

    mutating func set(_ option: CURLoption, pointer value: UnsafeMutablePointer<CChar>?) {
        record(dw_curl_setopt_pointer(handle, option, value))
    }

    mutating func set(_ option: CURLoption, list value: UnsafeMutablePointer<curl_slist>?) {
        record(dw_curl_setopt_slist(handle, option, value))
    }

    mutating func set(_ option: CURLoption, dataCallback value: dw_curl_data_callback) {
        record(dw_curl_setopt_data_callback(handle, option, value))
    }

    mutating func set(_ option: CURLoption, progressCallback value: dw_curl_progress_callback) {
        record(dw_curl_setopt_progress_callback(handle, option, value))
    }

    private mutating func record(_ code: CURLcode) {
        if code != CURLE_OK, firstFailure == nil { firstFailure = code }
    }
}
