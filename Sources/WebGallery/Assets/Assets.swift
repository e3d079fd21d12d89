
/// The stylesheet, script and icons, served from `/assets/{hash}/{name}` with a year-long immutable cache:
/// the hash in the path changes whenever the content does, so a new release is fetched at once.
enum Assets {
    struct File {
        let name: String
        let contentType: String
        let text: String
        let hash: String
        var path: String { "/assets/\(hash)/\(name)" }
    }

    static let style = File(name: "site.css", contentType: "text/css; charset=utf-8", text: css)
    static let script = File(name: "site.js", contentType: "text/javascript; charset=utf-8", text: js)
    static let icon = File(name: "icon.svg", contentType: "image/svg+xml", text: iconSVG)
    static let packageIcon = File(name: "package.svg", contentType: "image/svg+xml", text: packageIconSVG)
    static let all = [style, script, icon, packageIcon]

    /// The site icon: a pallet.
    static let iconSVG = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#10243e"/><g fill="#5aa7ff"><rect x="5" y="7" width="22" height="5" rx="1.2"/><rect x="5" y="14" width="22" height="5" rx="1.2"/><rect x="7" y="21" width="4" height="5"/><rect x="14" y="21" width="4" height="5"/><rect x="21" y="21" width="4" height="5"/></g></svg>"##

    /// Shown for packages without an embedded icon (nuspec `iconUrl`s are not fetched: no other host).
    static let packageIconSVG = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#e6f0fb"/><path d="M32 12l18 9v22L32 52 14 43V21z" fill="#0b63c5" opacity=".18"/><path d="M32 12l18 9-18 9-18-9z" fill="#0b63c5" opacity=".55"/><path d="M32 30v22l18-9V21z" fill="#0b63c5" opacity=".8"/><path d="M32 30v22L14 43V21z" fill="#0b63c5" opacity=".4"/></svg>"##
}

extension Assets.File {
    init(name: String, contentType: String, text: String) {
        self.name = name
        self.contentType = contentType
        self.text = text
        // FNV-1a: a content fingerprint for cache busting, not a security boundary.
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash = String(value, radix: 16)
    }
}
