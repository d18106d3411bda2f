/// The Markdown of text widgets as HTML, for the subset the generated dashboards write
/// (headings, paragraphs, `-` lists, `**bold**`, `` `code` ``, `[links](url)`). Anything
/// else is shown as the text it is, escaped: a preview must never run what it shows.
enum MarkdownHTML {
    static func render(_ markdown: String) -> String {
        var html = ""
        var paragraph: [String] = []
        var listItems: [String] = []

        func flush() {
            if !paragraph.isEmpty {
                html += "<p>" + paragraph.map(inline).joined(separator: "<br>") + "</p>"
                paragraph = []
            }
            if !listItems.isEmpty {
                html += "<ul>" + listItems.map { "<li>" + inline($0) + "</li>" }.joined() + "</ul>"
                listItems = []
            }
        }

        for rawLine in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                flush()
            } else if let heading = line.firstMatch(of: #/^(#{1,6})\s+(.*)$/#) {
                flush()
                let level = heading.output.1.count
                html += "<h\(level)>" + inline(String(heading.output.2)) + "</h\(level)>"
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                if !paragraph.isEmpty { flush() }
                listItems.append(String(line.dropFirst(2)))
            } else {
                if !listItems.isEmpty { flush() }
                paragraph.append(line)
            }
        }
        flush()
        return html
    }

    /// Links, code and bold within one line; only http(s) and relative links become
    /// anchors.
    static func inline(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        let token = #/`(?<code>[^`]+)`|\*\*(?<bold>[^*]+)\*\*|\[(?<label>[^\]]+)\]\((?<url>[^)\s]+)\)/#
        while let match = rest.firstMatch(of: token) {
            out += HTMLText.escape(String(rest[rest.startIndex..<match.range.lowerBound]))
            if let code = match.output.code {
                out += "<code>" + HTMLText.escape(String(code)) + "</code>"
            } else if let bold = match.output.bold {
                out += "<strong>" + inline(String(bold)) + "</strong>"
            } else if let label = match.output.label, let url = match.output.url {
                let target = String(url)
                let safe = target.hasPrefix("https://") || target.hasPrefix("http://") || !target.contains(":")
                out += safe ? ##"<a href="\##(HTMLText.escape(target))">\##(HTMLText.escape(String(label)))</a>"## : HTMLText.escape(String(match.output.0))
            }
            rest = rest[match.range.upperBound...]
        }
        return out + HTMLText.escape(String(rest))
    }
}
