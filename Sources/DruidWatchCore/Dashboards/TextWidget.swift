/// A `text` widget's properties (reference §2.6): Markdown.
public struct TextWidget: Sendable, Equatable, Encodable {
    public var markdown: String
    public var background: Background?

    public enum Background: String, Sendable, Equatable, Encodable {
        case solid
        case transparent
    }

    public init(markdown: String, background: Background? = nil) {
        self.markdown = markdown
        self.background = background
    }
}
