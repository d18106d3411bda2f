import DruidWatchSources
import Foundation
import Testing

@Suite struct BasicCredentialsTests {
    let credentials = BasicCredentials(username: "druid_system", password: "p@ss:word")

    func header(_ text: String) -> String { "Basic " + Data(text.utf8).base64EncodedString() }

    @Test func theExactLoginIsAccepted() {
        #expect(credentials.accepts(authorizationHeader: header("druid_system:p@ss:word")))
        #expect(credentials.accepts(authorizationHeader: "basic " + Data("druid_system:p@ss:word".utf8).base64EncodedString()))
    }

    @Test(arguments: [nil, "", "Basic", "Bearer abc", "Basic !!!notbase64", "Basic " + Data("druid_system:p@ss:wor".utf8).base64EncodedString(),
                      "Basic " + Data("druid_system:p@ss:word2".utf8).base64EncodedString(), "Basic " + Data("other:p@ss:word".utf8).base64EncodedString()])
    func anythingElseIsRefused(header: String?) {
        #expect(!credentials.accepts(authorizationHeader: header))
    }
}
