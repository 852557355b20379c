namespace TempAct.World.Media;

/// <summary>An image (or a set of frames) whose header declares more than <see cref="ImageLimits"/> allow: a canvas too
/// large, too many frames or too many pixels in all. Refused before decoding; the message names the source, what it
/// declares and the limit. The CLI exits 4 on it, as on a corrupt file; the server answers 400 image_too_large.</summary>
public sealed class ImageLimitException(string message) : Exception(message);
