/// How one part of the instance identity is chosen: found automatically, left out, or
/// given literally. The configuration module has its own equivalent; the agent maps it.
public enum IdentitySetting: Sendable, Hashable {
    case auto
    case none
    case literal(String)
}
