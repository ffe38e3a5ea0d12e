import FieldPlanStore

extension FieldPlanApp {
    /// `fieldplan migrate --to TARGET` (SPEC §13): the whole store at `source` copied into the
    /// empty store at `target`, SQLite to PostgreSQL or back (`copier` knows the engines).
    /// The source is only read; the target gets every row in one transaction or none.
    /// Refusals: the same store or the same engine on both sides (`invalid`), a target that
    /// holds rows (`conflict`), a source an older fieldplan wrote (`refused`), no source (`notFound`).
    /// - Complexity: one pass over every row of the store.
    public static func migrateStore(from source: String, to target: String, copier: any StoreCopying,
                                    progress: (_ table: String, _ rows: Int) -> Void) throws -> [(table: String, rows: Int)] {
        do {
            return try copier.copyStore(from: source, to: target, progress: progress)
        } catch let error as StoreCopyError {
            switch error {
            case .sameStore, .sameEngine: throw AppError.invalid(error.description)
            case .targetNotEmpty: throw AppError.conflict(error.description)
            case .sourceNotCurrent: throw AppError.refused(error.description)
            }
        } catch let error as StoreFileError {
            throw AppError.notFound(error.description)
        } catch let error as AppError {
            throw error
        } catch {
            throw AppError.failed(String(describing: error))
        }
    }
}
