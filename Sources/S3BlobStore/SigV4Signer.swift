import Crypto
public import Foundation

/// AWS Signature Version 4 for S3 (and, with another `service`, any AWS-style API).
///
/// Follows <https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html>: canonical
/// request → string to sign → key derived from the secret by date, region and service → HMAC. The
/// date is a parameter so the published examples can be replayed exactly.
public struct SigV4Signer: Sendable {
    /// The keys to sign with.
    public let credentials: S3Credentials
    /// The signing region (`us-east-1`).
    public let region: String
    /// The service name in the credential scope (`s3`).
    public let service: String

    /// Creates a signer.
    public init(credentials: S3Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// What `x-amz-content-sha256` says about the body.
    public enum Payload: Sendable, Equatable {
        /// The body is not hashed: streamed uploads, presigned URLs. TLS still protects it in transit.
        case unsigned
        /// The hex SHA-256 of the body.
        case sha256(String)

        /// The hash of an empty body (GET, HEAD, DELETE).
        public static let empty = Payload.sha256(SigV4Signer.hexSHA256(Data()))

        /// The hash of `body`.
        public static func bytes(_ body: Data) -> Payload { .sha256(SigV4Signer.hexSHA256(body)) }

        var headerValue: String {
            switch self {
            case .unsigned: "UNSIGNED-PAYLOAD"
            case .sha256(let hex): hex
            }
        }
    }

    /// Returns `request` with `x-amz-date`, `x-amz-content-sha256` (unless `contentHashHeader` is
    /// false, as outside S3), `x-amz-security-token` (with a session token) and `Authorization` added.
    public func sign(_ request: SigV4Request, payload: Payload, date: Date, contentHashHeader: Bool = true) -> SigV4Request {
        var signed = request
        let stamp = SigV4Date(date)
        signed.headers.append(.init("x-amz-date", stamp.dateTime))
        if contentHashHeader { signed.headers.append(.init("x-amz-content-sha256", payload.headerValue)) }
        if let token = credentials.sessionToken { signed.headers.append(.init("x-amz-security-token", token)) }
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(signed)
        let canonical = [
            signed.method, signed.encodedPath, signed.canonicalQuery, canonicalHeaders, signedHeaders, payload.headerValue,
        ].joined(separator: "\n")
        let signature = self.signature(canonicalRequest: canonical, stamp: stamp)
        signed.headers.append(.init(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope(stamp)),SignedHeaders=\(signedHeaders),Signature=\(signature)"
        ))
        return signed
    }

    /// Lower-case names sorted, values trimmed with inner runs of spaces collapsed, repeated names
    /// joined with commas; `host` comes from the request when no header sets it. Returns the block
    /// (with its trailing newline) and the `;`-joined names.
    static func canonicalHeaders(_ request: SigV4Request) -> (String, String) {
        var values: [String: [String]] = [:]
        if request.header("host") == nil { values["host"] = [request.host] }
        for header in request.headers {
            let value = header.value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            values[header.name.lowercased(), default: []].append(value.trimmingCharacters(in: .whitespaces))
        }
        let names = values.keys.sorted()
        let block = names.map { "\($0):\(values[$0]!.joined(separator: ","))\n" }.joined()
        return (block, names.joined(separator: ";"))
    }

    /// `DATE/REGION/SERVICE/aws4_request`.
    func scope(_ stamp: SigV4Date) -> String { "\(stamp.date)/\(region)/\(service)/aws4_request" }

    /// The hex HMAC of the string to sign, with the key derived for this date, region and service.
    func signature(canonicalRequest: String, stamp: SigV4Date) -> String {
        let stringToSign = [
            "AWS4-HMAC-SHA256", stamp.dateTime, scope(stamp), Self.hexSHA256(Data(canonicalRequest.utf8)),
        ].joined(separator: "\n")
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [stamp.date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    /// Lower-case hex SHA-256.
    static func hexSHA256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}

/// The two spellings of the signing time SigV4 uses, always in UTC.
struct SigV4Date {
    /// `20130524`
    let date: String
    /// `20130524T000000Z`
    let dateTime: String

    init(_ date: Date) {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        let day = String(format: "%04d%02d%02d", parts.year!, parts.month!, parts.day!)
        self.date = day
        self.dateTime = day + String(format: "T%02d%02d%02dZ", parts.hour!, parts.minute!, parts.second!)
    }
}
