namespace BuildGraph.Yaml;

/// <summary>Why a user error happened; tests assert these, never message wording.</summary>
public enum ErrorReason
{
    None,
    MissingFile,
    InvalidYaml,
    InvalidData,
    InvalidSymbolName,
    IllegalComposite,
    TrailingListDirective,
    InvalidExpression,
    UnexpectedKey,
    MissingKey,
    RecursiveInclude,
    UserAssertion,
    UnresolvedVariable,
    CircularReferenceVariable,
    ProtectedVariableRedefined,
    CircularDependency,
    MissingDependency,
    InvalidJunction,
    JunctionNotFetched,
    InvalidDependencyConfig,
    UnsupportedProject,
    UnsupportedPlugin,
    UnknownKind,
    InvalidOption,
    UnsupportedFeature,
    LinkForbiddenDependencies,
    InvalidElementName,
    ProjectNotFound,
    DuplicateDependency,
    ElementNotFound,
    InvalidConfig,
    /// <summary>A project path that is absolute or leads outside the project.</summary>
    InvalidProjectPath,
    /// <summary>A source ref that is malformed (bad sha, bad git-describe string, bad crate entry).</summary>
    InvalidSourceRef,
    /// <summary>Dependencies a kind does not allow: wrong type, wrong count, runtime deps where forbidden.</summary>
    InvalidDependencies,
    BlobNotFound,
    CorruptBlob,
    DigestMismatch,
    SandboxUnavailable,
    CommandFailed,
    BuildFailed,
    ArtifactNotFound,
    OverlapError,
    Unsupported,
    /// <summary>A download or ref that does not exist upstream: HTTP 404, unknown git ref or track name.</summary>
    SourceNotFound,
    /// <summary>A network failure while fetching or tracking: unreachable host, HTTP 5xx (usually transient).</summary>
    NetworkError,
    /// <summary>A remote cache or execution call failed; RemoteException.Status says how.</summary>
    RemoteError,
}
