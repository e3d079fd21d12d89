import Mustache
import Testing
@testable import WebGallery

/// The account pages build their package rows in Swift (`RowHTML`); these tests hold them to the bytes the
/// template sections they replaced rendered, so the pages' markup (and the browser tests' labels) stay the same.
@Suite("pre-rendered account page rows")
struct RowHTMLTests {
    private func mustache(_ template: String, _ model: Any) throws -> String {
        try MustacheTemplate(string: template).render(model)
    }

    @Test("escaping matches Mustache's {{value}}", arguments: [
        "Contoso.Lib", "", "a<b>&\"c'", "<script>alert('x')</script>", "é & ü \"quoted\"", "&amp;", "e\u{301}\"",
    ])
    func escaping(text: String) throws {
        #expect(RowHTML.escape(text) == (try mustache("{{v}}", ["v": text])))
    }

    @Test("a Manage Packages row is the old section's row", arguments: [true, false])
    func managedRow(listedColumn: Bool) throws {
        let row = ManagedPackageRowModel(
            id: "Contoso.<Lib>", url: "/packages/Contoso.<Lib>", manageURL: "/packages/Contoso.<Lib>/1.0.0/Manage",
            latest: "1.0.0-beta&1", downloads: "12,345", listed: 3, unlisted: 7)
        let listed = listedColumn ? #"<td class="number">{{listed}}</td>"# : ""
        let old = #"{{#rows}}<tr><td><a href="{{url}}">{{id}}</a></td><td>{{latest}}</td><td class="number">{{downloads}}</td>"#
            + listed + #"<td class="number">{{unlisted}}</td><td><a href="{{manageURL}}" aria-label="Manage {{id}}">Manage</a></td></tr>{{/rows}}"#
        #expect(row.html(listedColumn: listedColumn) == (try mustache(old, ["rows": [row]])))
    }

    @Test("an API key page checkbox is the old section's item", arguments: [true, false])
    func checkbox(checked: Bool) throws {
        let check = PackageCheckModel(id: "Contoso.'Lib'", domID: "key-7-package-0", checked: checked)
        let old = #"{{#rows}}<li class="form-check"><input id="{{domID}}" name="PackageIds-{{key}}" type="checkbox" value="{{id}}"{{#checked}} checked{{/checked}}> <label for="{{domID}}">{{id}}</label></li>{{/rows}}"#
        #expect(check.html(name: "PackageIds-7") == (try mustache(old, ["key": "7", "rows": [check]] as [String: Any])))
    }
}
