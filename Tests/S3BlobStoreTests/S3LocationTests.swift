import Foundation
import S3BlobStore
import Testing

@Suite("S3Location and S3Credentials")
struct S3LocationTests {
    @Test("an endpoint, region and prefix; path-style by default with an endpoint")
    func fullLocation() throws {
        let location = try S3Location(parsing: "s3://pallet-blobs/prod/feed?endpoint=http://127.0.0.1:9000&region=eu-west-1")
        #expect(location.bucket == "pallet-blobs")
        #expect(location.prefix == "prod/feed/")
        #expect(location.endpoint.absoluteString == "http://127.0.0.1:9000")
        #expect(location.region == "eu-west-1")
        #expect(location.pathStyle)
    }

    @Test("without an endpoint it is AWS in the region, virtual-host style")
    func awsDefault() throws {
        let location = try S3Location(parsing: "s3://bucket")
        #expect(location.endpoint.absoluteString == "https://s3.us-east-1.amazonaws.com")
        #expect(location.region == "us-east-1")
        #expect(location.prefix == "")
        #expect(!location.pathStyle)
        #expect(try S3Location(parsing: "s3://bucket?region=ap-south-1").endpoint.absoluteString == "https://s3.ap-south-1.amazonaws.com")
    }

    @Test("path-style is honoured either way")
    func pathStyle() throws {
        #expect(try !S3Location(parsing: "s3://bkt?endpoint=https://minio.example&path-style=false").pathStyle)
        #expect(try S3Location(parsing: "s3://bkt?path-style=true").pathStyle)
    }

    @Test("invalid locations throw a one-line message", arguments: [
        ("http://bucket", "is not an S3 location"),
        ("s3://BadBucket", "no valid bucket name"),
        ("s3://ab", "no valid bucket name"),
        ("s3://ok-bucket?endpoint=ftp://x", "must be http(s)://HOST[:PORT]"),
        ("s3://ok-bucket?endpoint=http://x/path", "must be http(s)://HOST[:PORT]"),
        ("s3://ok-bucket?path-style=maybe", "must be true or false"),
        ("s3://ok-bucket?colour=blue", "Unknown parameter 'colour'"),
        ("s3://ok-bucket/a/../b", "must be plain names"),
        ("s3://ok-bucket?region=", "is not a region name"),
    ])
    func invalid(text: String, fragment: String) {
        #expect {
            _ = try S3Location(parsing: text)
        } throws: { error in
            let message = "\(error)"
            return message.contains(fragment) && !message.contains("\n")
        }
    }

    @Test("credentials come from the AWS variables; a missing one is named")
    func credentials() throws {
        let full = try S3Credentials.fromEnvironment([
            "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "s3cr3t", "AWS_SESSION_TOKEN": "t0ken",
        ])
        #expect(full == S3Credentials(accessKeyID: "AKID", secretAccessKey: "s3cr3t", sessionToken: "t0ken"))
        #expect(throws: S3CredentialsError(missing: ["AWS_SECRET_ACCESS_KEY"])) {
            try S3Credentials.fromEnvironment(["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": ""])
        }
    }

    @Test("descriptions never show the secret or the session token")
    func redaction() {
        let credentials = S3Credentials(accessKeyID: "AKID", secretAccessKey: "s3cr3t", sessionToken: "t0ken")
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in ["\(credentials)", String(reflecting: credentials), "\([credentials])", dumped] {
            #expect(text.contains("AKID"))
            #expect(!text.contains("s3cr3t"))
            #expect(!text.contains("t0ken"))
        }
    }
}
