namespace BuildGraph.Engine; internal static class Placeholder {}
