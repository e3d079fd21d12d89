public import Foundation
import Crypto

/// API key secrets: generated once, shown once, stored only as a hash.
///
/// The `pallet_` prefix lets secret scanners recognise a leaked key. Lookup is by SHA-256 of
/// the presented secret, so the database never holds a usable secret and comparing hashes
/// leaks nothing about the secret itself.
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
}
