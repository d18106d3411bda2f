import Foundation

/// What an AWS answer must look like before FoundationXML's `XMLParser` reads it.
/// The parser crashes the process, rather than failing, on some documents the query
/// protocol never sends (all found by Fuzz/AWSXMLFuzzer): a comment that is not UTF-8
/// (a trap), a processing instruction without data and a DTD declaring a notation (a
/// null pointer read). AWS answers in UTF-8, with at most the XML declaration and no
/// DTD, so anything else is refused here.
enum XMLDocumentScreen {
    struct Refusal {
        var line: Int
        var reason: String
    }

    static func refusal(_ data: Data) -> Refusal? {
        let bytes = [UInt8](data)
        if let line = lineOfFirstInvalidUTF8(bytes) {
            return Refusal(line: line, reason: "the document is not valid UTF-8")
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
            } else if byte == UInt8(ascii: "<"), index + 1 < bytes.count {
                let next = bytes[index + 1]
                if next == UInt8(ascii: "?"), !(index == start && isXMLDeclaration(bytes, at: index)) {
                    return Refusal(line: line, reason: "processing instructions are not part of an AWS answer")
                }
                if next == UInt8(ascii: "!"), !bytes[(index + 2)...].starts(with: Array("--".utf8)),
                   !bytes[(index + 2)...].starts(with: Array("[CDATA[".utf8)) {
                    return Refusal(line: line, reason: "document type declarations are not part of an AWS answer")
                }
            }
            index += 1
        }
        return nil
    }

    /// `<?xml` and a blank: what libxml2 reads as the declaration, not as an instruction.
    private static func isXMLDeclaration(_ bytes: [UInt8], at index: Int) -> Bool {
        let blanks: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        return bytes[index...].starts(with: Array("<?xml".utf8)) && index + 5 < bytes.count && blanks.contains(bytes[index + 5])
    }

    private static func lineOfFirstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var decoder = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var line = 1
        while true {
            switch decoder.parseScalar(from: &iterator) {
            case let .valid(scalar):
                if scalar.count == 1, scalar.first == UInt8(ascii: "\n") { line += 1 }
            case .emptyInput:
                return nil
            case .error:
                return line
            }
        }
    }
}
