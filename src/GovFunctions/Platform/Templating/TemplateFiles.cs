using System.Text;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace GovFunctions.Platform.Templating;

/// <summary>
/// The embedded templates as files, for <c>{% render 'Mail/facts.html' %}</c>: a name with or without <c>.liquid</c>. They never
/// change while the app runs, so Fluid parses a partial once and keeps it.
/// </summary>
internal sealed class TemplateFiles(IReadOnlyDictionary<string, string> sources, string extension) : IFileProvider
{
    public IFileInfo GetFileInfo(string subpath)
    {
        var name = subpath.TrimStart('/');
        if (name.EndsWith(extension, StringComparison.Ordinal)) name = name[..^extension.Length];
        return sources.TryGetValue(name, out var source) ? new Source(name, source) : new NotFoundFileInfo(subpath);
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    private sealed class Source(string name, string text) : IFileInfo
    {
        private readonly byte[] bytes = Encoding.UTF8.GetBytes(text);

        public bool Exists => true;
        public long Length => bytes.Length;
        public string? PhysicalPath => null;
        public string Name => name;
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;
        public bool IsDirectory => false;
        public Stream CreateReadStream() => new MemoryStream(bytes, writable: false);
    }
}
