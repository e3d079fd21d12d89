/// Escaping for XML 1.0 text and attribute values, shared by every XML Pallet writes (the V2 Atom feed, the
/// web gallery's Atom feed): markup characters become entities and characters XML 1.0 cannot carry are dropped.
public enum XMLText {
    /// `text` escaped for content and double- or single-quoted attributes. `apostrophe: false` leaves `'` as is
    /// (the V2 feed's historical form, which old clients were tested against).
    public static func escape(_ text: String, apostrophe: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'" where apostrophe: out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
