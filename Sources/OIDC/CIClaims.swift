import Foundation
import JWTKit

/// Every claim of a CI token that trusted publishing reads: the registered ones (`iss`, `aud`, `exp`, `nbf`,
/// `jti`) and every string claim, whatever the CI system names it.
struct CIClaims: JWTPayload {
    var strings: [String: String] = [:]
    /// Boolean claims (an ID token's `email_verified`).
    var booleans: [String: Bool] = [:]
    var audiences: [String] = []
    var expires: Date?
    var notBefore: Date?

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        for key in container.allKeys {
            if let text = try? container.decode(String.self, forKey: key) { strings[key.stringValue] = text }
            if let flag = try? container.decode(Bool.self, forKey: key) { booleans[key.stringValue] = flag }
        }
        let aud = AnyKey(stringValue: "aud")
        if let one = try? container.decode(String.self, forKey: aud) {
            audiences = [one]
        } else if let many = try? container.decode([String].self, forKey: aud) {
            audiences = many
        }
        // Seconds since 1970 whatever the decoder's date strategy is.
        func date(_ name: String) -> Date? {
            (try? container.decode(Double.self, forKey: AnyKey(stringValue: name))).map { Date(timeIntervalSince1970: $0) }
        }
        expires = date("exp")
        notBefore = date("nbf")
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        for (name, value) in strings { try container.encode(value, forKey: AnyKey(stringValue: name)) }
    }

    /// The checks that need the issuer and audience are made by `OIDCTokenVerifier`, which knows them.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
