namespace TempAct.World.Scenes;

/// <summary>
/// The world's fixed physical constants, shared by renderer, simulator and tracker (SPEC §2: "the same in renderer and
/// tracker"). Units are pixels of the 32×32 canvas; positions are the centres of the shapes' bounding boxes.
/// </summary>
public static class WorldGeometry
{
    /// <summary>Canvas width and height.</summary>
    public const int Canvas = 32;

    /// <summary>Centre coordinate of grid column/row 0, 1, 2.</summary>
    public static float CellCenter(int index) => 6f + 10f * index;

    /// <summary>One move shifts the object by one grid cell.</summary>
    public const float MoveDistance = 10f;

    /// <summary>Apex height of a jump.</summary>
    public const float JumpHeight = 6f;

    /// <summary>Radius of a small object (circle radius; other shapes scale from it).</summary>
    public const float SmallRadius = 3f;

    /// <summary>Radius of a large object.</summary>
    public const float LargeRadius = 4.5f;

    /// <summary>Closest two visible objects may come (pixels between their outlines), so a 3×3 blur never joins them.</summary>
    public const float MinGap = 3f;

    /// <summary>Radius of a size class.</summary>
    public static float Radius(SizeClass size) => size == SizeClass.Small ? SmallRadius : LargeRadius;

    /// <summary>Half width and half height of a shape's bounding box at radius r.</summary>
    public static (float Hx, float Hy) HalfExtents(ShapeKind shape, float r) => shape switch
    {
        ShapeKind.Circle => (r, r),
        ShapeKind.Square => (0.9f * r, 0.9f * r),   // about the circle's area
        ShapeKind.Triangle => (1.1f * r, 0.95f * r), // upright isosceles, apex at the top
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    /// <summary>True when the point (px, py) lies inside the shape centred at (cx, cy) with radius r.</summary>
    public static bool Contains(ShapeKind shape, float cx, float cy, float r, float px, float py)
    {
        var (hx, hy) = HalfExtents(shape, r);
        float dx = px - cx, dy = py - cy;
        switch (shape)
        {
            case ShapeKind.Circle: return dx * dx + dy * dy <= r * r;
            case ShapeKind.Square: return Math.Abs(dx) <= hx && Math.Abs(dy) <= hy;
            default:
                if (dy < -hy || dy > hy) return false;
                float halfWidthAtY = hx * (dy + hy) / (2 * hy); // 0 at the apex, hx at the base
                return Math.Abs(dx) <= halfWidthAtY;
        }
    }

    /// <summary>Approximate distance between the outlines of two shapes (negative when they overlap), sampled at 0.5 px.</summary>
    public static float Distance(ShapeKind a, float ax, float ay, float ar, ShapeKind b, float bx, float by, float br)
    {
        var (ahx, ahy) = HalfExtents(a, ar);
        var (bhx, bhy) = HalfExtents(b, br);
        // Cheap reject: bounding boxes far apart.
        float boxGap = Math.Max(Math.Abs(ax - bx) - ahx - bhx, Math.Abs(ay - by) - ahy - bhy);
        if (boxGap > MinGap + 1) return boxGap;
        var pointsA = InsidePoints(a, ax, ay, ar);
        var pointsB = InsidePoints(b, bx, by, br);
        float best = float.MaxValue;
        foreach (var (px, py) in pointsA)
            foreach (var (qx, qy) in pointsB)
            {
                float d = (px - qx) * (px - qx) + (py - qy) * (py - qy);
                if (d < best) best = d;
            }
        if (best == float.MaxValue) return boxGap;
        return best == 0 ? -1f : MathF.Sqrt(best) - 0.5f; // 0.5 px sampling slack
    }

    private static List<(float, float)> InsidePoints(ShapeKind s, float cx, float cy, float r)
    {
        var (hx, hy) = HalfExtents(s, r);
        var points = new List<(float, float)>();
        for (float y = cy - hy; y <= cy + hy + 1e-3f; y += 0.5f)
            for (float x = cx - hx; x <= cx + hx + 1e-3f; x += 0.5f)
                if (Contains(s, cx, cy, r, x, y)) points.Add((x, y));
        return points;
    }
}
