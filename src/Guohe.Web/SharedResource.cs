namespace Guohe.Web;

/// <summary>
/// Marker for the one resource file set. Keys are the Chinese text (zh-CN is the default culture);
/// <c>Resources/SharedResource.en.resx</c> holds the English. A test fails when a key lacks its English.
/// </summary>
public sealed class SharedResource;
