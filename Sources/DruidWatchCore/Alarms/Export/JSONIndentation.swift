/// Indents compact JSON (two spaces a level, `"key": value`), keeping the members'
/// order: for templates that people read and diff. Empty objects and arrays stay `{}`
/// and `[]`.
enum JSONIndentation {
    static func indent(_ compact: String) -> String {
        var result = ""
        var depth = 0
        var inString = false
        var escaped = false
        let characters = Array(compact)
        func newline() { result += "\n" + String(repeating: "  ", count: depth) }
        for (index, character) in characters.enumerated() {
            if inString {
                result.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"":
                inString = true
                result.append(character)
            case "{", "[":
                result.append(character)
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if next == "}" || next == "]" { continue }
                depth += 1
                newline()
            case "}", "]":
                let previous = index > 0 ? characters[index - 1] : nil
                if previous != "{" && previous != "[" {
                    depth -= 1
                    newline()
                }
                result.append(character)
            case ",":
                result.append(character)
                newline()
            case ":":
                result += ": "
            default:
                result.append(character)
            }
        }
        return result + "\n"
    }
}
