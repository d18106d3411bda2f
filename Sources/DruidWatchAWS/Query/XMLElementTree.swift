import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML document as a plain tree: the AWS query protocol answers in small XML
/// documents, and a tree with path lookups reads far more plainly than SAX callbacks.
public struct XMLElementTree: Sendable, Equatable {
    public var name: String
    public var text: String
    public var children: [XMLElementTree]

    public init(name: String, text: String = "", children: [XMLElementTree] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "malformed XML at line \(line): \(reason)" }
    }

    public static func parse(_ data: Data) throws(ParseError) -> XMLElementTree {
        if let refusal = XMLDocumentScreen.refusal(data) {
            throw ParseError(line: refusal.line, reason: refusal.reason)
        }
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        guard parser.parse(), let root = builder.root else {
            throw ParseError(
                line: parser.lineNumber,
                reason: parser.parserError?.localizedDescription ?? builder.failure ?? "no root element"
            )
        }
        return root
    }

    public func child(_ name: String) -> XMLElementTree? {
        children.first { $0.name == name }
    }

    public func children(_ name: String) -> [XMLElementTree] {
        children.filter { $0.name == name }
    }

    /// Follows a path of child names: `tree.find("Error", "Code")`.
    public func find(_ path: String...) -> XMLElementTree? {
        var node: XMLElementTree? = self
        for name in path { node = node?.child(name) }
        return node
    }

    /// The first element of that name at any depth, depth-first.
    public func first(named name: String) -> XMLElementTree? {
        if self.name == name { return self }
        for child in children {
            if let found = child.first(named: name) { return found }
        }
        return nil
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [XMLElementTree] = []
    var root: XMLElementTree?
    var failure: String?
    // No `parseErrorOccurred` that aborts: libxml2 reports every error of a malformed
    // document and FoundationXML leaks a string for each (some 80 bytes), but aborting
    // from that callback made libxml2 read freed memory (Fuzz/AWSXMLFuzzer). Documents
    // AWS never sends (DTDs, instructions) are refused before the parser instead.
    /// AWS responses are a few levels deep; anything deeper is hostile or broken.
    private let maximumDepth = 64

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        guard stack.count < maximumDepth else {
            failure = "nesting deeper than \(maximumDepth) elements"
            parser.abortParsing()
            return
        }
        stack.append(XMLElementTree(name: elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard var finished = stack.popLast() else { return }
        finished.text = finished.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if stack.isEmpty {
            root = finished
        } else {
            stack[stack.count - 1].children.append(finished)
        }
    }
}
