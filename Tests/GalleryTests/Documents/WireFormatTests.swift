import Foundation
import NuGetProtocol
import Testing

/// NuGetProtocol's date formatting and JSON encoding.
@Suite("Wire date and JSON")
struct WireFormatTests {
    @Test("dates: UTC with an offset, microseconds without trailing zeros", arguments: [
        (1_735_787_045.123456, "2025-01-02T03:04:05.123456+00:00", "2025-01-02T03:04:05.123456Z"),
        (1_735_787_045.5, "2025-01-02T03:04:05.5+00:00", "2025-01-02T03:04:05.5Z"),
        (1_709_251_199, "2024-02-29T23:59:59+00:00", "2024-02-29T23:59:59Z"),
        (-2_208_988_800, "1900-01-01T00:00:00+00:00", "1900-01-01T00:00:00Z"),
        (-0.25, "1969-12-31T23:59:59.75+00:00", "1969-12-31T23:59:59.75Z"),
        (951_782_400, "2000-02-29T00:00:00+00:00", "2000-02-29T00:00:00Z"),
    ])
    func dates(seconds: Double, offset: String, zulu: String) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(WireDate.format(date, zone: .offset) == offset)
        #expect(WireDate.format(date, zone: .zulu) == zulu)
    }

    @Test("the 1900 sentinel and .NET's minimum date")
    func sentinels() {
        #expect(WireDate.format(WireDate.unlistedPublished, zone: .offset) == "1900-01-01T00:00:00+00:00")
        #expect(WireDate.format(WireDate.minimum, zone: .zulu) == "0001-01-01T00:00:00Z")
    }

    @Test("every date of a year agrees with Foundation's ISO 8601 formatter")
    func agreesWithFoundation() {
        let formatter = ISO8601DateFormatter()
        for hour in stride(from: 0, to: 366 * 24, by: 7) {
            let date = Date(timeIntervalSince1970: 1_704_067_200 + Double(hour) * 3600 + 17)
            #expect(WireDate.format(date, zone: .zulu) == formatter.string(from: date))
        }
    }

    @Test("JSON: @-keys, sorted keys, no escaped slashes, nil optionals omitted")
    func json() {
        let group = DependencyGroupDocument(targetFramework: nil, dependencies: [
            DependencyDocument(id: "A", range: "[1.0.0, )", registration: "https://x.example/v3/a/index.json"),
        ])
        let text = String(decoding: WireJSON.encode(group), as: UTF8.self)
        #expect(text == #"{"dependencies":[{"id":"A","range":"[1.0.0, )","registration":"https://x.example/v3/a/index.json"}]}"#)
    }
}
