import Foundation
import Gallery
import HTTPPlumbing
import Hummingbird
import HTTPTypes

extension WebRoutes {
    /// `/admin/Accounts`, `/admin/Reservations`, `/admin/Audit`.
    func registerAdminAccounts(on router: Router<Context>) {
        let web = self.web
        page(router, "/admin/Accounts") { request, _ in
            _ = try Self.admin()
            return HTMLResponse.page(try await web.adminAccountsPage(query: Self.query(request)), request: request)
        }
        adminPost(router, "/admin/Accounts/lock") { form, principal in
            let name = form["Name"] ?? "", lock = form["Lock"] == "true"
            try await web.administration.setAccountLocked(name: name, locked: lock, by: principal)
            return try await web.adminAccountsPage(query: name, message: "\(name) is \(lock ? "locked" : "unlocked").")
        } failure: { _, message in try await web.adminAccountsPage(query: "", error: message) }
        adminPost(router, "/admin/Accounts/siteadmin") { form, principal in
            let name = form["Name"] ?? "", grant = form["Grant"] == "true"
            try await web.gallery.accounts.setSiteAdmin(grant, userName: name, by: principal)
            return try await web.adminAccountsPage(query: name, message: grant ? "\(name) is now a site admin." : "\(name) is no longer a site admin.")
        } failure: { _, message in try await web.adminAccountsPage(query: "", error: message) }
        adminPost(router, "/admin/Accounts/delete") { form, principal in
            let name = form["Name"] ?? ""
            // One checkbox per listed account (a name of its own, so each stands alone), whose value names the account.
            guard form.all.contains(where: { $0.0.hasPrefix("Confirm-") && $0.1 == name }) else { throw GalleryError.badRequest("Tick the box to confirm deleting \(name).") }
            try await web.administration.deleteAccount(name: name, by: principal)
            return try await web.adminAccountsPage(query: "", message: "The account \(name) was deleted.")
        } failure: { _, message in try await web.adminAccountsPage(query: "", error: message) }

        page(router, "/admin/Reservations") { request, _ in
            _ = try Self.admin()
            return HTMLResponse.page(try await web.adminReservationsPage(), request: request)
        }
        adminPost(router, "/admin/Reservations") { form, principal in
            let pattern = (form["Pattern"] ?? "").trimmingCharacters(in: .whitespaces)
            let owners = (form["Owners"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !owners.isEmpty else { throw GalleryError.badRequest("Name at least one owner.") }
            for owner in owners {
                try await web.administration.reservePrefix(pattern, ownerName: owner, isOpen: form["Open"] == "on", by: principal)
            }
            return try await web.adminReservationsPage(message: "Reserved \(pattern) for \(owners.joined(separator: ", ")).")
        } failure: { _, message in try await web.adminReservationsPage(error: message) }
        adminPost(router, "/admin/Reservations/owner") { form, principal in
            let pattern = form["Pattern"] ?? "", owner = (form["Owner"] ?? "").trimmingCharacters(in: .whitespaces)
            guard let reservation = try await web.administration.reservations().first(where: { $0.lowerPattern == PrefixReservation.lower(pattern) }) else {
                throw GalleryError.notFound("There is no ID prefix reservation '\(pattern)'.")
            }
            if form["Action"] == "remove" {
                try await web.administration.removeReservationOwner(pattern, ownerName: owner, by: principal)
                return try await web.adminReservationsPage(message: "Removed \(owner) from \(pattern).")
            }
            try await web.administration.reservePrefix(reservation.pattern, ownerName: owner, isOpen: reservation.isOpen, by: principal)
            return try await web.adminReservationsPage(message: "Added \(owner) to \(pattern).")
        } failure: { _, message in try await web.adminReservationsPage(error: message) }
        adminPost(router, "/admin/Reservations/release") { form, principal in
            let pattern = form["Pattern"] ?? ""
            try await web.administration.releasePrefix(pattern, by: principal)
            return try await web.adminReservationsPage(message: "Released \(pattern).")
        } failure: { _, message in try await web.adminReservationsPage(error: message) }

        page(router, "/admin/Audit") { request, _ in
            _ = try Self.admin()
            let parameters = request.uri.queryParameters
            let filter = AuditFilter(
                actor: parameters["actor"].map(String.init) ?? "", action: parameters["action"].map(String.init) ?? "",
                target: parameters["target"].map(String.init) ?? "")
            if parameters["format"] == "csv" {
                var response = HTMLResponse.make(
                    try await web.auditCSV(filter), contentType: "text/csv; charset=utf-8", request: request, cacheControl: "private, no-store")
                response.headers[.contentDisposition] = "attachment; filename=\"audit.csv\""
                return response
            }
            return HTMLResponse.page(try await web.adminAuditPage(filter), request: request)
        }
    }
}
