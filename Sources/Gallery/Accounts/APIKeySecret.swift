import Foundation
import Crypto

/// API key secrets: generated once, shown once, stored only as a hash.
///
/// The `pallet_` prefix lets secret scanners recognise a leaked key. Lookup is by SHA-256 of
/// the presented secret, so the database never holds a usable secret; the found hash is compared
/// again in constant time so timing says nothing about how much of a guess matched.
public enum APIKeySecret {
    /// The recognisable prefix of every key.
    public static let prefix = "pallet_"

    /// A new random secret: the prefix and 32 random bytes in lowercase hex.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// Hex SHA-256 of a secret, as stored.
    public static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether two strings are equal, taking the same time whatever the position of the first difference.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
