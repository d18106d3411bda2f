@testable import DruidWatchAWS
import DruidWatchCore
import Foundation
import Testing

@Suite struct AWSResponseParsingTests {
    @Test func serviceErrorFromDocumentedXML() {
        let body = Data("""
        <ErrorResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
          <Error>
            <Type>Sender</Type>
            <Code>InvalidParameterValue</Code>
            <Message>The value NaN for parameter MetricData.member.1.Value is invalid.</Message>
          </Error>
          <RequestId>6f1c1e2a-0000-4000-8000-000000000000</RequestId>
        </ErrorResponse>
        """.utf8)
        let error = AWSServiceError.from(status: 400, body: body)
        #expect(error.code == "InvalidParameterValue")
        #expect(error.type == "Sender")
        #expect(error.message == "The value NaN for parameter MetricData.member.1.Value is invalid.")
        #expect(error.requestId == "6f1c1e2a-0000-4000-8000-000000000000")
        #expect(!error.isRetryable)
        #expect(error.description == "InvalidParameterValue (HTTP 400): The value NaN for parameter MetricData.member.1.Value is invalid. [request 6f1c1e2a-0000-4000-8000-000000000000]")
    }

    @Test(arguments: [
        (400, "Throttling", true), (400, "ThrottlingException", true), (500, "InternalServiceError", true),
        (503, "ServiceUnavailable", true), (400, "InvalidParameterCombination", false), (403, "AccessDenied", false),
        (400, "MissingParameter", false), (413, "RequestEntityTooLarge", false),
    ])
    func retryability(status: Int, code: String, retryable: Bool) {
        let body = Data("<ErrorResponse><Error><Code>\(code)</Code><Message>m</Message></Error></ErrorResponse>".utf8)
        #expect(AWSServiceError.from(status: status, body: body).isRetryable == retryable)
    }

    @Test func nonXMLErrorBodyStillSaysWhatCameBack() {
        let error = AWSServiceError.from(status: 502, body: Data("<html><body>Bad Gateway</body>".utf8))
        #expect(error.code == "HTTP502")
        #expect(error.message.contains("Bad Gateway"))
        #expect(error.isRetryable)
        #expect(AWSServiceError.from(status: 503, body: Data()).message == "empty response body")
    }

    @Test func getMetricDataResultsWithPagination() throws {
        let body = Data("""
        <GetMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
          <GetMetricDataResult>
            <MetricDataResults>
              <member>
                <Id>m1</Id>
                <Label>cpu_usage_active</Label>
                <StatusCode>Complete</StatusCode>
                <Timestamps><member>2025-11-25T10:01:00Z</member><member>2025-11-25T10:00:00Z</member></Timestamps>
                <Values><member>12.5</member><member>3</member></Values>
              </member>
              <member><Id>m2</Id><Label>empty</Label><StatusCode>Complete</StatusCode><Timestamps/><Values/></member>
            </MetricDataResults>
            <NextToken>abc</NextToken>
          </GetMetricDataResult>
        </GetMetricDataResponse>
        """.utf8)
        let page = try CloudWatchResponseParser.metricDataResults(try XMLElementTree.parse(body))
        #expect(page.nextToken == "abc")
        #expect(page.results.count == 2)
        #expect(page.results[0].id == "m1")
        #expect(page.results[0].points.map(\.value) == [12.5, 3])
        #expect(page.results[0].points[1].timestamp == Date(timeIntervalSince1970: 1_764_064_800))
        #expect(page.results[1].points.isEmpty)
    }

    @Test func mismatchedTimestampsAndValuesAreMalformed() throws {
        let body = Data("""
        <GetMetricDataResponse><GetMetricDataResult><MetricDataResults><member><Id>m1</Id>
        <Timestamps><member>2025-11-25T10:01:00Z</member></Timestamps><Values/></member></MetricDataResults></GetMetricDataResult></GetMetricDataResponse>
        """.utf8)
        #expect(throws: AWSCallError.self) {
            try CloudWatchResponseParser.metricDataResults(try XMLElementTree.parse(body))
        }
    }

    @Test func listMetrics() throws {
        let body = Data("""
        <ListMetricsResponse><ListMetricsResult><Metrics>
          <member><Namespace>Druid</Namespace><MetricName>load1</MetricName>
            <Dimensions><member><Name>Host</Name><Value>h1</Value></member><member><Name>Cluster</Name><Value>c</Value></member></Dimensions>
          </member>
        </Metrics></ListMetricsResult></ListMetricsResponse>
        """.utf8)
        let page = try CloudWatchResponseParser.listedMetrics(try XMLElementTree.parse(body))
        #expect(page.nextToken == nil)
        #expect(page.metrics == [MetricIdentity(namespace: "Druid", metricName: "load1", dimensions: [MetricDimension("Host", "h1"), MetricDimension("Cluster", "c")])])
    }

    @Test func malformedAndHostileXMLIsAnErrorNotACrash() {
        #expect(throws: XMLElementTree.ParseError.self) { try XMLElementTree.parse(Data("<a><b></a>".utf8)) }
        #expect(throws: XMLElementTree.ParseError.self) { try XMLElementTree.parse(Data()) }
        let deep = String(repeating: "<a>", count: 1_000) + String(repeating: "</a>", count: 1_000)
        #expect(throws: XMLElementTree.ParseError.self) { try XMLElementTree.parse(Data(deep.utf8)) }
    }

    /// Found by Fuzz/AWSXMLFuzzer (Fuzz/Corpus/AWSXMLFuzzer/crash-abort-on-first-error.xml)
    /// when `XMLElementTree` called `abortParsing` from `parseErrorOccurred` to stop at
    /// the first error: libxml2 then read a freed input in `xmlParseChunk` (a null
    /// pointer). The parse is left to run to its end; this document must stay an error.
    @Test func documentThatCrashedAnAbortFromTheErrorCallbackIsAnError() {
        let document = Data([0, 0, 0] + Array("<!--l<!--l".utf8))
        #expect(throws: XMLElementTree.ParseError.self) { try XMLElementTree.parse(document) }
    }

    /// Found by Fuzz/AWSXMLFuzzer (Fuzz/Corpus/AWSXMLFuzzer/crash-comment-not-utf8.xml):
    /// FoundationXML trapped on the comment's bytes, ending the process.
    @Test func commentThatIsNotUTF8IsAnErrorNotACrash() {
        let crashing = Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- SNS answers in the".utf8)
            + Data([0x91, 0x8C]) + Data(" -->\n<PublishResponse/>".utf8)
        do {
            _ = try XMLElementTree.parse(crashing)
            Issue.record("a document that is not UTF-8 parsed")
        } catch {
            #expect(error.line == 2)
        }
        #expect(AWSServiceError.from(status: 500, body: crashing).code == "HTTP500")
        let fine = try? XMLElementTree.parse(Data("<a><!-- caf\u{E9} --><b>\u{E9}</b></a>".utf8))
        #expect(fine?.child("b")?.text == "\u{E9}")
    }

    /// Found by Fuzz/AWSXMLFuzzer: FoundationXML read a null pointer on a processing
    /// instruction without data, and on a DTD that declares a notation.
    @Test(arguments: [
        "<a><?pi?></a>",
        "<?pi?><a/>",
        "<?xml-stylesheet?><a/>",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ELEMENT a ANY><!NOTATION n SYSTEM \"x\"><!ENTITY u SYSTEM \"x\" NDATA n>]><a/>",
    ])
    func instructionsAndDocumentTypesAreAnErrorNotACrash(document: String) {
        #expect(throws: XMLElementTree.ParseError.self) { try XMLElementTree.parse(Data(document.utf8)) }
    }

    @Test func declarationCommentsAndCDATAStillParse() throws {
        let document = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- c --><a><b>x</b><c><![CDATA[x<y]]></c></a>"
        let tree = try XMLElementTree.parse(Data(document.utf8))
        #expect(tree.child("b")?.text == "x")
        #expect(tree.child("c") != nil)
    }

    @Test func endpoints() {
        #expect(AWSEndpoint.url(service: "monitoring", region: "eu-west-1", override: nil) == "https://monitoring.eu-west-1.amazonaws.com/")
        #expect(AWSEndpoint.url(service: "monitoring", region: "cn-north-1", override: nil) == "https://monitoring.cn-north-1.amazonaws.com.cn/")
        #expect(AWSEndpoint.url(service: "monitoring", region: "us-east-1", override: "http://127.0.0.1:5000") == "http://127.0.0.1:5000")
    }
}
