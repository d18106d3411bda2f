/// A dashboard variable (reference §2.7): a control at the top of the dashboard that
/// replaces a property (`region`, a dimension) or a pattern everywhere in the body.
public struct DashboardVariable: Sendable, Equatable, Encodable {
    public var kind: Kind
    public var inputType: InputType
    /// At most 32 characters of `[0-9A-Za-z_-]`.
    public var id: String
    /// At most 30 characters.
    public var label: String?
    /// At most 255 characters.
    public var defaultValue: String?
    /// 1 to 500 choices (each at most 255 characters) when the values are not searched.
    public var values: [Choice]?
    /// A search expression (at most 2,048 characters) whose results are the choices.
    public var search: String?
    /// The dimension of the search results that gives the choices.
    public var populateFrom: String?
    public var visible: Bool?

    public enum Kind: Sendable, Equatable {
        /// Replaces a JSON property or dimension name, e.g. `region`.
        case property(String)
        /// Replaces every match of a regular expression in the body.
        case pattern(String)
    }

    public enum InputType: String, Sendable, Equatable, Encodable {
        case input, select, radio
    }

    public struct Choice: Sendable, Equatable, Encodable {
        public var value: String
        public var label: String?

        public init(value: String, label: String? = nil) {
            self.value = value
            self.label = label
        }
    }

    public init(kind: Kind, inputType: InputType, id: String, label: String? = nil, defaultValue: String? = nil, values: [Choice]? = nil, search: String? = nil, populateFrom: String? = nil, visible: Bool? = nil) {
        self.kind = kind
        self.inputType = inputType
        self.id = id
        self.label = label
        self.defaultValue = defaultValue
        self.values = values
        self.search = search
        self.populateFrom = populateFrom
        self.visible = visible
    }

    enum CodingKeys: String, CodingKey {
        case type, property, pattern, inputType, id, label, defaultValue, values, search, populateFrom, visible
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch kind {
        case let .property(property):
            try container.encode("property", forKey: .type)
            try container.encode(property, forKey: .property)
        case let .pattern(pattern):
            try container.encode("pattern", forKey: .type)
            try container.encode(pattern, forKey: .pattern)
        }
        try container.encode(inputType, forKey: .inputType)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(label, forKey: .label)
        try container.encodeIfPresent(defaultValue, forKey: .defaultValue)
        try container.encodeIfPresent(values, forKey: .values)
        try container.encodeIfPresent(search, forKey: .search)
        try container.encodeIfPresent(populateFrom, forKey: .populateFrom)
        try container.encodeIfPresent(visible, forKey: .visible)
    }
}
