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
}
