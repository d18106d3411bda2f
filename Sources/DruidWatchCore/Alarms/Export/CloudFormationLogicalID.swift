/// CloudFormation logical ids derived from alarm names: letters and digits only
/// (`druid-query.failures` ⇒ `DruidQueryFailures`), starting with a letter, unique
/// within the template.
struct CloudFormationLogicalIDs {
    static let maximumLength = 255
    private var taken: Set<String>

    /// `reserved`: ids already used in the template (its parameters).
    init(reserved: Set<String> = []) {
        taken = reserved
    }

    /// A fresh id for `name`, with `suffix` appended (`Alarm`).
    mutating func make(from name: String, suffix: String) -> String {
        let base = String(Self.base(name).prefix(Self.maximumLength - suffix.count - 4)) + suffix
        var candidate = base
        var counter = 2
        while taken.contains(candidate) {
            candidate = base + String(counter)
            counter += 1
        }
        taken.insert(candidate)
        return candidate
    }

    /// The alphanumeric part of `name`, each run after a separator capitalized, led by a
    /// letter (`Alarm` when the name starts otherwise).
    static func base(_ name: String) -> String {
        var result = ""
        var capitalizeNext = true
        for character in name {
            if character.isASCII, character.isLetter || character.isNumber {
                result += capitalizeNext ? character.uppercased() : String(character)
                capitalizeNext = false
            } else {
                capitalizeNext = true
            }
        }
        if result.first?.isLetter != true { result = "Alarm" + result }
        return result
    }
}
