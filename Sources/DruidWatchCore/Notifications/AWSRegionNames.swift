/// Region codes as CloudWatch names them in alarm notifications: the `Region` field of
/// the alarm JSON, the subject and the e-mail all say `US East (N. Virginia)`, not
/// `us-east-1` (the code is only in the ARN). CloudWatch keeps the older `EU (…)` spelling
/// where the console now says `Europe (…)`: observed payloads say `EU (London)`,
/// `EU (Frankfurt)` and the reference's subject sample `EU (Milan)`.
public enum AWSRegionNames {
    /// The display name for `code`, or the code itself for a region this table does not
    /// know yet: a subject naming `xx-new-1` is still correct and still routes, where a
    /// failure would lose the page.
    public static func displayName(for code: String) -> String {
        names[code] ?? code
    }

    /// Every commercial region, 2025.
    public static let names: [String: String] = [
        "us-east-1": "US East (N. Virginia)",
        "us-east-2": "US East (Ohio)",
        "us-west-1": "US West (N. California)",
        "us-west-2": "US West (Oregon)",
        "af-south-1": "Africa (Cape Town)",
        "ap-east-1": "Asia Pacific (Hong Kong)",
        "ap-east-2": "Asia Pacific (Taipei)",
        "ap-south-1": "Asia Pacific (Mumbai)",
        "ap-south-2": "Asia Pacific (Hyderabad)",
        "ap-northeast-1": "Asia Pacific (Tokyo)",
        "ap-northeast-2": "Asia Pacific (Seoul)",
        "ap-northeast-3": "Asia Pacific (Osaka)",
        "ap-southeast-1": "Asia Pacific (Singapore)",
        "ap-southeast-2": "Asia Pacific (Sydney)",
        "ap-southeast-3": "Asia Pacific (Jakarta)",
        "ap-southeast-4": "Asia Pacific (Melbourne)",
        "ap-southeast-5": "Asia Pacific (Malaysia)",
        "ap-southeast-6": "Asia Pacific (New Zealand)",
        "ap-southeast-7": "Asia Pacific (Thailand)",
        "ca-central-1": "Canada (Central)",
        "ca-west-1": "Canada West (Calgary)",
        "eu-central-1": "EU (Frankfurt)",
        "eu-central-2": "EU (Zurich)",
        "eu-west-1": "EU (Ireland)",
        "eu-west-2": "EU (London)",
        "eu-west-3": "EU (Paris)",
        "eu-south-1": "EU (Milan)",
        "eu-south-2": "EU (Spain)",
        "eu-north-1": "EU (Stockholm)",
        "il-central-1": "Israel (Tel Aviv)",
        "me-south-1": "Middle East (Bahrain)",
        "me-central-1": "Middle East (UAE)",
        "mx-central-1": "Mexico (Central)",
        "sa-east-1": "South America (Sao Paulo)",
    ]
}
