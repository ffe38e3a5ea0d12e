import FieldPlanApp
import Hummingbird

extension APIError {
    /// A use case's refusal as the service answers it: the same one-line message the command
    /// line prints, with the status its kind stands for (docs/architecture.md).
    init(_ error: AppError) {
        switch error {
        case .notFound(let m): self.init(.notFound, m)
        case .invalid(let m): self.init(.badRequest, m)
        case .refused(let m): self.init(.unprocessableContent, m)
        case .conflict(let m): self.init(.conflict, m)
        case .failed(let m): self.init(.internalServerError, m)
        }
    }
}
