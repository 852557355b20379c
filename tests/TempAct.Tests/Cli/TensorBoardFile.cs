namespace TempAct.Tests.Cli;

/// <summary>
/// Reads a TensorBoard event file the way TensorBoard does, as an independent check of what the trainer writes: records
/// of [uint64 length][uint32 masked CRC-32C of the length][data][uint32 masked CRC-32C of the data], each data an Event
/// protobuf (parsed with the generated class TorchSharp ships).
/// </summary>
internal static class TensorBoardFile
{
    /// <summary>Every scalar (tag, step, value) of the file; throws when a record's framing or checksum is wrong.</summary>
    public static List<(string Tag, long Step, float Value)> Scalars(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var result = new List<(string, long, float)>();
        int at = 0, records = 0;
        while (at < bytes.Length)
        {
            Assert.True(at + 12 <= bytes.Length, $"{path}: truncated record header at byte {at}");
            ulong length = BitConverter.ToUInt64(bytes, at);
            Assert.Equal(Masked(Crc32C(bytes.AsSpan(at, 8))), BitConverter.ToUInt32(bytes, at + 8));
            at += 12;
            Assert.True(at + (long)length + 4 <= bytes.Length, $"{path}: truncated record at byte {at}");
            var data = bytes.AsSpan(at, (int)length);
            Assert.Equal(Masked(Crc32C(data)), BitConverter.ToUInt32(bytes, at + (int)length));
            var e = Tensorboard.Event.Parser.ParseFrom(data.ToArray());
            if (e.Summary is { } summary)
                foreach (var v in summary.Value) result.Add((v.Tag, e.Step, v.SimpleValue));
            at += (int)length + 4;
            records++;
        }
        Assert.True(records > 0, $"{path}: no records");
        return result;
    }

    private static uint Masked(uint crc) => unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8);

    /// <summary>CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78 : crc >> 1;
        }
        return ~crc;
    }
}
