import Foundation
import Gallery
import Testing

/// Which ids a reservation covers, and which reservation decides.
@Suite("Prefix reservations")
struct PrefixReservationTests {
    @Test("coverage", arguments: [
        ("Contoso.", "Contoso.Utils", true), ("Contoso.", "contoso.utils.extra", true), ("Contoso.", "Contoso", false),
        ("Contoso.", "ContosoX.Utils", false), ("Contoso.*", "CONTOSO.Utils", true), ("Contoso.Exact", "contoso.exact", true),
        ("Contoso.Exact", "Contoso.Exact2", false), ("Contoso.Exact", "Contoso.Exac", false),
    ])
    func covers(_ pattern: String, _ id: String, _ expected: Bool) {
        #expect(PrefixReservation(pattern: pattern, ownerKeys: [1], created: Date()).covers(id) == expected)
    }

    @Test("the longest matching reservation decides")
    func deciding() {
        let broad = PrefixReservation(pattern: "Contoso.", ownerKeys: [1], created: Date())
        let narrow = PrefixReservation(pattern: "Contoso.Open.", isOpen: true, ownerKeys: [2], created: Date())
        #expect(PrefixReservation.deciding([broad, narrow], for: "Contoso.Open.Lib") == narrow)
        #expect(PrefixReservation.deciding([broad, narrow], for: "Contoso.Lib") == broad)
        #expect(PrefixReservation.deciding([broad, narrow], for: "Other.Lib") == nil)
    }

    @Test("API key secrets: prefix, hash and constant-time comparison")
    func secrets() {
        let secret = APIKeySecret.generate()
        #expect(secret.hasPrefix("pallet_") && secret.count == 7 + 64)
        #expect(APIKeySecret.hash(secret) != secret && APIKeySecret.hash(secret).count == 64)
        #expect(APIKeySecret.constantTimeEquals("abc", "abc"))
        #expect(!APIKeySecret.constantTimeEquals("abc", "abd"))
        #expect(!APIKeySecret.constantTimeEquals("abc", "abcd"))
    }
}
