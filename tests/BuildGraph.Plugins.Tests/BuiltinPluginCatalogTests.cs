namespace BuildGraph.Plugins.Tests;

public class BuiltinPluginCatalogTests
{
    [Fact]
    public void Catalog_Lookups_UseTheBuiltinTablesAndMakeOpaqueKinds()
    {
        var catalog = BuiltinPluginCatalog.Instance;

        Assert.Same(BuiltinKinds.Elements["make"], catalog.TryGetElementKind("make"));
        Assert.Null(catalog.TryGetElementKind("flatpak_image"));
        Assert.Null(catalog.TryGetSourceKind("ostree"));
        Assert.True(catalog.IsCoreElementKind("stack"));
        Assert.False(catalog.IsCoreElementKind("make"));
        Assert.True(catalog.IsCoreSourceKind("remote"));
        Assert.False(catalog.IsCoreSourceKind("git"));
        Assert.Equal("x", catalog.CreateOpaqueElementKind("x", "local plugin p", "").Name);
        Assert.Equal("y", catalog.CreateOpaqueSourceKind("y", "local plugin p").Name);
    }
}
