import Foundation

/// The query features a service accepts, as a phantom type on generated fields and queries: what a profile does
/// not accept does not exist in the API (a compile error, not a runtime `400`).
///
/// - ``ODataGenericProfile``: OData v4 — `contains`/`startswith`/`endswith`, `in`, `has`, lambdas `any`/`all`,
///   nested `$expand` with options, string, date and math functions.
/// - ``ODataFNOProfile``: Dynamics 365 Finance and Operations — `eq`/`ne` only on enums (qualified literals), no
///   `in`, `has`, lambdas, `$apply`, `$search` or nested `$expand`; text matching by a wildcard inside `eq`
///   (`Name eq '*retail*'`); `cross-company=true` for entities keyed by `dataAreaId`.
public protocol ODataProfile: Sendable {}

/// Plain OData v4.
public enum ODataGenericProfile: ODataProfile {}

/// Dynamics 365 Finance and Operations.
public enum ODataFNOProfile: ODataProfile {}
