namespace TempAct.World.Scenes;

/// <summary>
/// The world's fixed physical constants, shared by renderer, simulator and tracker ("the same in renderer and
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

    /// <summary>μ20 + μ02 (the spread of the filled shape about its centroid) at radius 1; scale by r² for radius r.
    /// Shared by the tracker's size estimate and the analytic frame-quality metric.</summary>
    public static float SpreadCoefficient(ShapeKind shape) => Spreads.Value[(int)shape];

    private static readonly Lazy<float[]> Spreads = new(() =>
    {
        // Fine sampling of Contains over [−1.2, 1.2]², 400 × 400 points.
        var result = new float[3];
        const int steps = 400;
        foreach (var shape in Enum.GetValues<ShapeKind>())
        {
            double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
            for (int i = 0; i < steps; i++)
                for (int j = 0; j < steps; j++)
                {
                    float x = -1.2f + 2.4f * (j + 0.5f) / steps, y = -1.2f + 2.4f * (i + 0.5f) / steps;
                    if (!Contains(shape, 0, 0, 1, x, y)) continue;
                    n++; sx += x; sy += y; sxx += x * x; syy += y * y;
                }
            double mx = sx / n, my = sy / n;
            result[(int)shape] = (float)(sxx / n - mx * mx + syy / n - my * my);
        }
        return result;
    });

    /// <summary>Signed distance from point (px, py) to the shape's outline (negative inside).</summary>
    public static float SignedDistance(ShapeKind shape, float cx, float cy, float r, float px, float py)
    {
        var (hx, hy) = HalfExtents(shape, r);
        float dx = px - cx, dy = py - cy;
        switch (shape)
        {
            case ShapeKind.Circle: return MathF.Sqrt(dx * dx + dy * dy) - r;
            case ShapeKind.Square:
                float qx = Math.Abs(dx) - hx, qy = Math.Abs(dy) - hy;
                float outside = MathF.Sqrt(Math.Max(qx, 0) * Math.Max(qx, 0) + Math.Max(qy, 0) * Math.Max(qy, 0));
                return outside + Math.Min(Math.Max(qx, qy), 0);
            default:
                // Upright isosceles triangle: apex (0, −hy), base corners (±hx, hy).
                float d = Math.Min(Segment(dx, dy, 0, -hy, -hx, hy), Math.Min(Segment(dx, dy, -hx, hy, hx, hy), Segment(dx, dy, hx, hy, 0, -hy)));
                return Contains(shape, cx, cy, r, px, py) ? -d : d;
        }
    }

    /// <summary>Approximate distance between the outlines of two shapes (negative when they overlap): the least signed
    /// distance from points of one shape, sampled every 0.5 px, to the other — taken both ways, since a grid that starts
    /// at one edge can miss the far edge by up to 0.5 px.</summary>
    public static float Distance(ShapeKind a, float ax, float ay, float ar, ShapeKind b, float bx, float by, float br) =>
        Math.Min(OneWayDistance(a, ax, ay, ar, b, bx, by, br), OneWayDistance(b, bx, by, br, a, ax, ay, ar));

    private static float OneWayDistance(ShapeKind a, float ax, float ay, float ar, ShapeKind b, float bx, float by, float br)
    {
        var (ahx, ahy) = HalfExtents(a, ar);
        var (bhx, bhy) = HalfExtents(b, br);
        float boxGap = Math.Max(Math.Abs(ax - bx) - ahx - bhx, Math.Abs(ay - by) - ahy - bhy);
        if (boxGap > MinGap + 1) return boxGap; // far apart: the exact value does not matter
        float best = float.MaxValue;
        for (float y = ay - ahy; y <= ay + ahy + 1e-3f; y += 0.5f)
            for (float x = ax - ahx; x <= ax + ahx + 1e-3f; x += 0.5f)
                if (Contains(a, ax, ay, ar, x, y)) best = Math.Min(best, SignedDistance(b, bx, by, br, x, y));
        return best == float.MaxValue ? boxGap : best;
    }

    private static float Segment(float px, float py, float ax, float ay, float bx, float by)
    {
        float vx = bx - ax, vy = by - ay, wx = px - ax, wy = py - ay;
        float t = Math.Clamp((wx * vx + wy * vy) / (vx * vx + vy * vy), 0, 1);
        float ex = wx - t * vx, ey = wy - t * vy;
        return MathF.Sqrt(ex * ex + ey * ey);
    }
}
