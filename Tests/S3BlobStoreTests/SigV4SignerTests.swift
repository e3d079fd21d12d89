import Foundation
import S3BlobStore
import Testing

/// The signer against AWS's published examples, with their exact signatures.
///
/// S3 examples: <https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html> and
/// <https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html>; the generic case is
/// `get-vanilla` of the aws-sig-v4-test-suite.
@Suite("SigV4Signer")
struct SigV4SignerTests {
    static let s3Signer = SigV4Signer(
        credentials: S3Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1"
    )
    /// 2013-05-24T00:00:00Z, the examples' signing time.
    static let exampleDate = Date(timeIntervalSince1970: 1_369_353_600)
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    static func exampleRequest(_ method: String, _ path: String, query: [SigV4Request.QueryParameter] = [], headers: [SigV4Request.Header] = []) -> SigV4Request {
        SigV4Request(method: method, host: "examplebucket.s3.amazonaws.com", path: path, query: query, headers: headers)
    }

    static func signature(of request: SigV4Request) -> String? {
        request.header("Authorization")?.components(separatedBy: "Signature=").last
    }

    @Test("GET Object with a Range header")
    func getObject() {
        let signed = Self.s3Signer.sign(
            Self.exampleRequest("GET", "/test.txt", headers: [.init("Range", "bytes=0-9")]), payload: .empty, date: Self.exampleDate
        )
        #expect(signed.header("Authorization") == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(signed.header("x-amz-content-sha256") == Self.emptyHash)
        #expect(signed.header("x-amz-date") == "20130524T000000Z")
    }

    @Test("PUT Object: a key with '$', a Date header, a storage class and the body's hash")
    func putObject() {
        // The published example uploads "Welcome to Amazon S3." as `test$file.text`.
        let body = Data("Welcome to Amazon S3.".utf8)
        let signed = Self.s3Signer.sign(
            Self.exampleRequest("PUT", "/test$file.text", headers: [
                .init("Date", "Fri, 24 May 2013 00:00:00 GMT"), .init("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            ]),
            payload: .bytes(body), date: Self.exampleDate
        )
        #expect(signed.header("x-amz-content-sha256") == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        #expect(signed.header("Authorization")?.contains("SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,") == true)
        #expect(Self.signature(of: signed) == "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
        #expect(signed.url == "https://examplebucket.s3.amazonaws.com/test%24file.text")
    }

    @Test("GET Bucket Lifecycle: a valueless query parameter")
    func getLifecycle() {
        let signed = Self.s3Signer.sign(Self.exampleRequest("GET", "/", query: [.init("lifecycle")]), payload: .empty, date: Self.exampleDate)
        #expect(Self.signature(of: signed) == "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
    }

    @Test("Get Bucket (List Objects): query parameters are sorted")
    func listObjects() {
        let signed = Self.s3Signer.sign(
            Self.exampleRequest("GET", "/", query: [.init("prefix", "J"), .init("max-keys", "2")]), payload: .empty, date: Self.exampleDate
        )
        #expect(Self.signature(of: signed) == "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
        #expect(signed.url == "https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J")
    }

    @Test("presigned GET URL valid for a day")
    func presignedURL() {
        let url = Self.s3Signer.presign(Self.exampleRequest("GET", "/test.txt"), expires: .seconds(86400), date: Self.exampleDate)
        #expect(url.absoluteString == "https://examplebucket.s3.amazonaws.com/test.txt"
            + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
            + "&X-Amz-SignedHeaders=host")
    }

    @Test("aws-sig-v4-test-suite get-vanilla (service 'service', no content-hash header)")
    func getVanilla() {
        let signer = SigV4Signer(
            credentials: S3Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            region: "us-east-1", service: "service"
        )
        let signed = signer.sign(
            SigV4Request(method: "GET", host: "example.amazonaws.com", path: "/"),
            payload: .empty, date: Date(timeIntervalSince1970: 1_440_938_160), contentHashHeader: false
        )
        #expect(signed.header("Authorization") == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
            + "SignedHeaders=host;x-amz-date,Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    @Test("a session token is sent and signed as x-amz-security-token, in headers and presigned URLs")
    func sessionToken() {
        let signer = SigV4Signer(
            credentials: S3Credentials(accessKeyID: "AKID", secretAccessKey: "secret", sessionToken: "token/+="), region: "eu-west-1"
        )
        let signed = signer.sign(Self.exampleRequest("GET", "/a"), payload: .unsigned, date: Self.exampleDate)
        #expect(signed.header("x-amz-security-token") == "token/+=")
        #expect(signed.header("x-amz-content-sha256") == "UNSIGNED-PAYLOAD")
        #expect(signed.header("Authorization")?.contains("x-amz-security-token") == true)
        let url = signer.presign(Self.exampleRequest("GET", "/a"), expires: .seconds(60), date: Self.exampleDate)
        #expect(url.query?.contains("X-Amz-Security-Token=token%2F%2B%3D") == true)
    }

    @Test("key segments are encoded once by S3's rules; '/' separates them")
    func pathEncoding() {
        let request = Self.exampleRequest("GET", "/packages/a b/ü+~.nupkg")
        #expect(request.encodedPath == "/packages/a%20b/%C3%BC%2B~.nupkg")
    }
}
