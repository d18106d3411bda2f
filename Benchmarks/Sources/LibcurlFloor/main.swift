// The least memory a Swift program that sends over libcurl holds: the Swift runtime
// (linked statically, as the agent is) and libcurl with its Debian dependencies, after
// one request, and no druidwatch code. compare.py reads its RSS beside the agent's.
//
// usage: LibcurlFloor URL   (prints "performed <CURLcode>", then waits for stdin to close)
import CLibcurlFloor
import Glibc

func say(_ line: String) {
    let text = line + "\n"
    _ = text.withCString { write(1, $0, strlen($0)) }
}

guard CommandLine.arguments.count == 2 else {
    say("usage: LibcurlFloor URL")
    exit(2)
}
guard curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK, let handle = curl_easy_init() else {
    say("libcurl did not initialise")
    exit(1)
}
let prepared = CommandLine.arguments[1].withCString { libcurl_floor_prepare(handle, $0) }
let performed = prepared == CURLE_OK ? curl_easy_perform(handle) : prepared
say("performed \(performed.rawValue)")
var byte: UInt8 = 0
while read(0, &byte, 1) > 0 {}
curl_easy_cleanup(handle)
