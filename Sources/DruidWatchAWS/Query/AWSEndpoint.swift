/// Where an AWS service answers in a region, unless the configuration overrides it
/// (a VPC endpoint, or the local emulator in tests).
public enum AWSEndpoint {
    public static func url(service endpointPrefix: String, region: String, override: String?) -> String {
        if let override, !override.isEmpty { return override }
        let domain = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return "https://\(endpointPrefix).\(region).\(domain)/"
    }
}
