import FieldPlanApp
import FieldPlanStore

extension FieldPlanCommand {
    /// The one line `fieldplan: …` says for a failed command (exit 1), or nil when the error
    /// is not a failure of a use case or of the command itself (argument errors, exit codes),
    /// which swift-argument-parser reports. Every `AppError` case is a failure here: the
    /// command line has one exit code for them all (SPEC §10).
    public static func failureMessage(for error: any Error) -> String? {
        switch error {
        case let failure as CommandFailure: failure.message
        case let failure as AppError: failure.message
        case let failure as StoreEngineError: failure.description
        default: nil
        }
    }
}
