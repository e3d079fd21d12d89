@testable import Gallery
import Testing

/// Start-up tokenizes pure-ASCII texts byte by byte (`ASCIIText`); the tokens must be those of the Unicode path.
@Suite("Search tokenizer: the ASCII path agrees with the Unicode one")
struct SearchTokenizerTests {
    static let samples = [
        "", "a", "NuGet.Core", "XMLParser2Go", "Newtonsoft.Json", "my-package_name.v2", "ABC", "aBC", "ABc", "A1B2c3",
        "Contoso.HTTPClient.V2Beta", "UPPER lower MiXeD", "tabs\tand\r\nlines\nand  spaces", "punct!@#$%^&*()[]{};:'\",.<>/?\\|`~-=+",
        "x86_64 arm64 net8.0 netstandard2.0", "  leading and trailing  ", "Z", "zZ", "9Lives", "iOS macOS tvOS", "\u{7F}del\u{1}ctl",
    ]

    @Test("words and id tokens of ASCII samples and of random ASCII text")
    func agree() {
        var generator = SystemRandomNumberGenerator()
        var texts = Self.samples
        for _ in 0..<2_000 {
            let length = Int.random(in: 0..<24, using: &generator)
            texts.append(String(decoding: (0..<length).map { _ in UInt8.random(in: 0..<0x80, using: &generator) }, as: UTF8.self))
        }
        for text in texts {
            #expect(ASCIIText(text) != nil)
            #expect(SearchTokenizer.words(text) == SearchTokenizer.unicodeWords(text), "\(Array(text.utf8))")
            #expect(SearchTokenizer.idTokens(text) == SearchTokenizer.unicodeIDTokens(text), "\(Array(text.utf8))")
        }
    }

    @Test("non-ASCII text takes the Unicode path")
    func unicode() {
        #expect(ASCIIText("Ünïcode Äpfel") == nil)
        #expect(SearchTokenizer.words("Ünïcode Äpfel café") == ["ünïcode", "äpfel", "café"])
        #expect(SearchTokenizer.idTokens("Ölçer.ÇalışmaZamanı") == SearchTokenizer.unicodeIDTokens("Ölçer.ÇalışmaZamanı"))
    }
}
