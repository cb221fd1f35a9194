namespace BuildGraph.Plugins; internal static class Placeholder {}
