"""PyTorch half of the executor side-by-side: the executor of src/TempAct.Models/Executor (ExecutorTransformer,
ExecutorBlock, TextEncoder, Layers/LoraLinear) with the same parameter names, shapes and forward, and the training
step of `tempact bench executor-step`. A measurement and parity harness only: the project itself is C#.

Benchmark (one JSON line like `tempact bench executor-step`):
    python3 bench/executor_step.py --device cuda --batch 128 --warmup 10 --steps 50 [--dtype bf16] [--vocab 266]
  One step: clean frames [B, 18, 3, 32, 32] uniform in [-1, 1], per-chunk σ [B, 6] = shift(u) (shift 5), noise ε,
  noisy = (1 - σ)·clean + σ·ε, captions of --caption-tokens random word ids (mask all true, built on the CPU and
  copied over like EncodeText does), encode text, v = forward_teacher_forced(clean, noisy, σ, text),
  loss = mse(v, ε - clean), zero_grad, backward, clip_grad_norm_(1.0), AdamW (lr 3e-4, wd 0.01) step.
  --vocab defaults to 266 = WordTokenizer.CreateDefault().Count (4 specials + 13 punctuation + 3 plan keys + 0..99
  + the template words + the lexicon; checked against the built C# model).

Parity (exit 0 when max |Δ| <= 1e-4, 1 above, 2 when the checkpoint or inputs do not fit):
    python3 bench/executor_step.py --check DIR [--device cuda|cpu]
  DIR must hold
    model.safetensors  ExecutorTransformer's state dict as WeightStore.Save writes it (TorchSharp state_dict() names,
                       including the `invFreq` RoPE buffer [head_dim / 2], which TorchSharp registers as a buffer);
                       LoRA keys (`*.lora_A`, `*.lora_B`) when LoraRank > 0. Loaded strictly: no missing or unexpected
                       key, every shape equal.
    config.json        the ExecutorConfig record as System.Text.Json writes it (PascalCase keys: VocabSize, FrameSize,
                       PatchSize, ChunkFrames, Dim, Layers, Heads, TextLayers, MaxTextTokens, SinkFrames,
                       WindowFrames, Shift, RopeTheta, LoraRank, LoraAlpha; computed ones like TokensPerFrame ignored).
    inputs.safetensors with the tensors
       clean       float32 [B, T, 3, S, S]  (T a multiple of ChunkFrames, S = FrameSize)
       noisy       float32 [B, T, 3, S, S]
       sigmas      float32 [B, T / ChunkFrames]
       ids         int64   [B, L]  token ids of the prompts as EncodeText builds them (row i: Tokenize(prompt i),
                                   then zeros up to L = the longest prompt)
       mask        bool or uint8 (any integer type: nonzero = real token) [B, L], true where ids holds a real token
       expected_v  float32 [B, T, 3, S, S]  = ForwardTeacherForced(clean, noisy, sigmas, EncodeText(prompts)), with
                                            adapters enabled (the default; not saved in the checkpoint).
  Prints one JSON line: max_abs_diff, mean_abs_diff, rel_max_abs_diff (max |Δ| / max |expected_v|), tolerance, ok, ...
  The tolerance (--tolerance, default 1e-4) is absolute, so keep the fixture's activations moderate: with every weight
  drawn as randn·0.1 at the default size (|v| up to ~8.5) plain fp32 rounding alone moves v by ~1.8e-4 — C# fp32 and
  this script's fp32 are both that far from a float64 evaluation — while randn·0.05 or smaller, or a tiny config,
  stays well inside 1e-4.
"""
import argparse, json, math, os, statistics, struct, sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

# ------------------------------------------------------------------------------------------------ config


DEFAULT_CONFIG = dict(VocabSize=266, FrameSize=32, PatchSize=8, ChunkFrames=3, Dim=192, Layers=6, Heads=6, TextLayers=2,
                      MaxTextTokens=64, SinkFrames=3, WindowFrames=15, Shift=5.0, RopeTheta=10000.0, LoraRank=0,
                      LoraAlpha=16.0)


class Config:
    """ExecutorConfig: the PascalCase fields plus the derived ones."""

    def __init__(self, **fields):
        c = dict(DEFAULT_CONFIG)
        for k, v in fields.items():
            if k in c:
                c[k] = v
        self.vocab_size, self.frame_size, self.patch_size = int(c["VocabSize"]), int(c["FrameSize"]), int(c["PatchSize"])
        self.chunk_frames, self.dim, self.layers, self.heads = int(c["ChunkFrames"]), int(c["Dim"]), int(c["Layers"]), int(c["Heads"])
        self.text_layers, self.max_text_tokens = int(c["TextLayers"]), int(c["MaxTextTokens"])
        self.shift, self.rope_theta = float(c["Shift"]), float(c["RopeTheta"])
        self.lora_rank, self.lora_alpha = int(c["LoraRank"]), float(c["LoraAlpha"])
        if self.frame_size % self.patch_size or self.dim % self.heads or (self.dim // self.heads) % 2:
            raise ValueError(f"inconsistent config {c}")
        self.tokens_per_frame = (self.frame_size // self.patch_size) ** 2
        self.patch_dim = 3 * self.patch_size * self.patch_size
        self.tokens_per_chunk = self.tokens_per_frame * self.chunk_frames
        self.raw = c


# ------------------------------------------------------------------------------------------------ layers


def init_linear(layer, zero=False):
    """ExecutorInit.Linear: weight U(±1/√in) (or zero), bias zero."""
    with torch.no_grad():
        if zero:
            layer.weight.zero_()
        else:
            bound = 1.0 / math.sqrt(layer.in_features)
            layer.weight.uniform_(-bound, bound)
        layer.bias.zero_()
    return layer


class LoraLinear(nn.Module):
    """Layers/LoraLinear.cs: y = x·Wᵀ + b (+ (α/r)·x·Aᵀ·Bᵀ when rank > 0). Parameters weight, bias, lora_A, lora_B."""

    def __init__(self, fin, fout, rank=0, alpha=16.0):
        super().__init__()
        bound = 1.0 / math.sqrt(fin)
        self.weight = nn.Parameter(torch.rand(fout, fin) * (2 * bound) - bound)
        self.bias = nn.Parameter(torch.zeros(fout))
        self.rank = rank
        self.adapters_enabled = True
        if rank > 0:
            self.lora_A = nn.Parameter(torch.randn(rank, fin) * (1.0 / rank))
            self.lora_B = nn.Parameter(torch.zeros(fout, rank))
            self.scale = alpha / rank

    def forward(self, x):
        y = F.linear(x, self.weight, self.bias)
        if self.rank == 0 or not self.adapters_enabled:
            return y
        return y + F.linear(F.linear(x, self.lora_A), self.lora_B) * self.scale


def per_token(per_chunk, group):
    """ExecutorTransformer.PerToken: [B, G, D'] per chunk → [B, G·group, D'] per token."""
    b, g, d = per_chunk.shape
    return per_chunk if g == 1 else per_chunk.unsqueeze(2).expand(b, g, group, d).reshape(b, g * group, d)


class TextBlock(nn.Module):
    """TextEncoder.TextBlock: bidirectional pre-norm block with a padding mask."""

    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.norm1, self.norm2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.qkv, self.attn_out = init_linear(nn.Linear(dim, 3 * dim)), init_linear(nn.Linear(dim, dim))
        self.mlp_in, self.mlp_out = init_linear(nn.Linear(dim, 4 * dim)), init_linear(nn.Linear(4 * dim, dim))

    def forward(self, x, attn_mask):
        b, l, d = x.shape
        h = self.qkv(self.norm1(x)).view(b, l, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        y = F.scaled_dot_product_attention(h[0], h[1], h[2], attn_mask=attn_mask)
        x = x + self.attn_out(y.transpose(1, 2).reshape(b, l, d))
        return x + self.mlp_out(F.gelu(self.mlp_in(self.norm2(x))))


class TextEncoder(nn.Module):
    """TextEncoder.cs: word + learned position embeddings, TextLayers blocks, final LayerNorm."""

    def __init__(self, c):
        super().__init__()
        self.tok_embed = nn.Embedding(c.vocab_size, c.dim)
        self.pos_embed = nn.Embedding(c.max_text_tokens, c.dim)
        with torch.no_grad():
            self.tok_embed.weight.normal_(0, 0.02)
            self.pos_embed.weight.normal_(0, 0.02)
        self.blocks = nn.ModuleList([TextBlock(c.dim, c.heads) for _ in range(c.text_layers)])
        self.norm = nn.LayerNorm(c.dim)

    def forward(self, ids, mask):
        positions = torch.arange(ids.shape[1], dtype=torch.int64, device=ids.device)
        x = self.tok_embed(ids) + self.pos_embed(positions)
        attn_mask = mask.unsqueeze(1).unsqueeze(1)                                      # [B, 1, 1, L]
        for blk in self.blocks:
            x = blk(x, attn_mask)
        return self.norm(x)


class ExecutorBlock(nn.Module):
    """ExecutorBlock.cs: adaLN-zero self-attention (RoPE via `attend`), cross-attention, modulated GELU MLP."""

    def __init__(self, c):
        super().__init__()
        self.heads = c.heads
        d, r, a = c.dim, c.lora_rank, c.lora_alpha
        self.norm1 = nn.LayerNorm(d, elementwise_affine=False)
        self.norm2 = nn.LayerNorm(d, elementwise_affine=False)
        self.norm_cross = nn.LayerNorm(d)
        self.qkv = LoraLinear(d, 3 * d, r, a)
        self.attn_out = LoraLinear(d, d, r, a)
        self.cross_q = LoraLinear(d, d, r, a)
        self.cross_kv = LoraLinear(d, 2 * d, r, a)
        self.cross_out = LoraLinear(d, d, r, a)
        self.mlp_in = LoraLinear(d, 4 * d, r, a)
        self.mlp_out = LoraLinear(4 * d, d, r, a)
        self.modulation = LoraLinear(d, 6 * d, r, a)
        with torch.no_grad():                                                             # adaLN-zero
            self.modulation.weight.zero_()
            self.modulation.bias.zero_()

    def cross_kv_of(self, text):
        """[B, L, D] → (K, V) each [B, H, L, hd]."""
        b, l, d = text.shape
        kv = self.cross_kv(text).view(b, l, 2, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        return kv[0], kv[1]

    def forward(self, x, cond, group, attend, cross_k, cross_v, text_mask):
        b, n, d = x.shape
        hd = d // self.heads
        shift_a, scale_a, gate_a, shift_m, scale_m, gate_m = per_token(self.modulation(F.silu(cond)), group).chunk(6, dim=-1)
        h = self.norm1(x) * (scale_a + 1) + shift_a
        qkv = self.qkv(h).view(b, n, 3, self.heads, hd).permute(2, 0, 3, 1, 4)
        y = attend(qkv[0], qkv[1], qkv[2])
        x = x + gate_a * self.attn_out(y.transpose(1, 2).reshape(b, n, d))

        q = self.cross_q(self.norm_cross(x)).view(b, n, self.heads, hd).transpose(1, 2)
        cr = F.scaled_dot_product_attention(q, cross_k, cross_v, attn_mask=text_mask)
        x = x + self.cross_out(cr.transpose(1, 2).reshape(b, n, d))

        h = self.norm2(x) * (scale_m + 1) + shift_m
        return x + gate_m * self.mlp_out(F.gelu(self.mlp_in(h)))


def rotate(x, cos, sin):
    """ExecutorTransformer.Rotate: half-split RoPE on [B, H, N, hd] with cos/sin [1, 1, N, hd/2]."""
    half = x.shape[3] // 2
    x1, x2 = x[..., :half], x[..., half:]
    cos, sin = cos.to(x.dtype), sin.to(x.dtype)
    return torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], 3)


class ExecutorTransformer(nn.Module):
    """ExecutorTransformer.cs (the teacher-forced forward and the text encoding; the cached forward is not needed)."""

    def __init__(self, c):
        super().__init__()
        self.config = c
        d = c.dim
        self.patch_embed = init_linear(nn.Linear(c.patch_dim, d))
        self.pos_embed = nn.Parameter(torch.randn(c.tokens_per_frame, d) * 0.02)
        self.t_in = init_linear(nn.Linear(256, d))
        self.t_out = init_linear(nn.Linear(d, d))
        self.text = TextEncoder(c)
        self.text_pool = init_linear(nn.Linear(d, d))
        self.blocks = nn.ModuleList([ExecutorBlock(c) for _ in range(c.layers)])
        self.norm_out = nn.LayerNorm(d, elementwise_affine=False)
        self.final_mod = init_linear(nn.Linear(d, 2 * d), zero=True)
        self.head = init_linear(nn.Linear(d, c.patch_dim), zero=True)
        hd = d // c.heads
        # TorchSharp's RegisterComponents makes the Tensor field invFreq a (persistent) buffer: it is in the state dict.
        self.register_buffer("invFreq", torch.pow(c.rope_theta, -torch.arange(0, hd, 2, dtype=torch.float32) / hd))
        self._masks = {}

    # -------------------------------------------------------------------------------------------- text

    def encode_text(self, ids, mask):
        """EncodeText after tokenizing: ids int64 [B, L], mask bool [B, L] → (pooled [B, D], mask [B, 1, 1, L],
        per-block cross (K, V))."""
        b, l = ids.shape
        states = self.text(ids, mask)                                                    # [B, L, D]
        m = mask.unsqueeze(-1).to(states.dtype)
        pooled = self.text_pool((states * m).sum(1) / m.sum(1))                          # [B, D]
        cross = [blk.cross_kv_of(states) for blk in self.blocks]
        return pooled, mask.view(b, 1, 1, l), cross

    # -------------------------------------------------------------------------------------------- forward

    def forward_teacher_forced(self, clean, noisy, sigmas, text):
        """Velocities [B, T, 3, S, S] of the noisy frames; noisy chunk i sees clean chunks < i and itself, clean chunk i
        sees clean chunks <= i."""
        c = self.config
        pooled, text_mask, cross = text
        b, frames = clean.shape[0], clean.shape[1]
        cf, per_chunk = c.chunk_frames, c.tokens_per_chunk
        if frames % cf:
            raise ValueError(f"{frames} frames is not a whole number of {cf}-frame chunks")
        chunks = frames // cf
        tokens = torch.cat([self.embed(clean), self.embed(noisy)], 1)                    # [B, 2N, D]
        all_sigmas = torch.cat([torch.zeros_like(sigmas), sigmas], 1)                    # [B, 2C]
        cond = self.time_embedding(all_sigmas.reshape(-1)).view(b, 2 * chunks, -1) + pooled.unsqueeze(1)
        frame_pos = torch.arange(0, frames, dtype=torch.float32, device=clean.device)
        cos, sin = self.rope(torch.cat([frame_pos, frame_pos]))
        mask = self.block_causal_mask(frames, clean.device)

        def attend(q, k, v):
            return F.scaled_dot_product_attention(rotate(q, cos, sin), rotate(k, cos, sin), v, attn_mask=mask)

        for i, blk in enumerate(self.blocks):
            tokens = blk(tokens, cond, per_chunk, attend, cross[i][0], cross[i][1], text_mask)
        n = frames * c.tokens_per_frame
        x0 = self.head_out(tokens[:, n:2 * n], cond[:, chunks:2 * chunks], per_chunk, frames)
        # x0-parametrised head, as the C# model: v = (x_sigma - D) / max(sigma, 1e-3).
        sig = sigmas.repeat_interleave(cf, dim=1).view(b, frames, 1, 1, 1).to(noisy.dtype).clamp_min(1e-3)
        return (noisy - x0) / sig

    # -------------------------------------------------------------------------------------------- pieces

    def embed(self, x):
        c = self.config
        b, t = x.shape[0], x.shape[1]
        p, g = c.patch_size, c.frame_size // c.patch_size
        patches = x.reshape(b, t, 3, g, p, g, p).permute(0, 1, 3, 5, 2, 4, 6).reshape(b, t, g * g, 3 * p * p)
        return (self.patch_embed(patches) + self.pos_embed).reshape(b, t * g * g, c.dim)

    def head_out(self, tokens, cond, group, frames):
        c = self.config
        shift, scale = per_token(self.final_mod(F.silu(cond)), group).chunk(2, dim=-1)
        y = self.head(self.norm_out(tokens) * (scale + 1) + shift)                       # [B, N, 3·p·p]
        b = y.shape[0]
        p, g = c.patch_size, c.frame_size // c.patch_size
        return y.reshape(b, frames, g, g, 3, p, p).permute(0, 1, 4, 2, 5, 3, 6).reshape(b, frames, 3, c.frame_size, c.frame_size)

    def time_embedding(self, sigma):
        """Sinusoidal embedding of σ·1000 through t_in → SiLU → t_out: [B] → [B, D]."""
        half = 128
        freqs = torch.exp(-math.log(10000) * torch.arange(0, half, dtype=torch.float32, device=sigma.device) / half)
        args = (sigma.to(torch.float32) * 1000).unsqueeze(1) * freqs.unsqueeze(0)
        emb = torch.cat([torch.cos(args), torch.sin(args)], 1)
        return self.t_out(F.silu(self.t_in(emb)))

    def rope(self, frame_positions):
        """cos/sin [1, 1, N·T, hd/2] for frame positions [N] (every token of a frame shares its index)."""
        freq = self.invFreq.to(frame_positions.device)
        angles = frame_positions.repeat_interleave(self.config.tokens_per_frame).unsqueeze(1) * freq.unsqueeze(0)
        return angles.cos().unsqueeze(0).unsqueeze(0), angles.sin().unsqueeze(0).unsqueeze(0)

    def block_causal_mask(self, frames, device):
        """Bool [2N, 2N] (true = attend) of the [clean | noisy] layout, cached per length and device."""
        key = (frames, str(device))
        if key not in self._masks:
            tpc = self.config.tokens_per_chunk
            n = frames // self.config.chunk_frames * tpc
            idx = torch.arange(2 * n, device=device)
            noisy = idx >= n
            chunk = (idx % n) // tpc
            qn, qc = noisy.unsqueeze(1), chunk.unsqueeze(1)
            kn, kc = noisy.unsqueeze(0), chunk.unsqueeze(0)
            self._masks[key] = torch.where(qn, torch.where(kn, kc == qc, kc < qc), (~kn) & (kc <= qc))
        return self._masks[key]


# ------------------------------------------------------------------------------------------------ safetensors


_ST_DTYPES = {"F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
              "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8, "U8": torch.uint8,
              "BOOL": torch.bool}


def load_safetensors(path):
    """A dependency-free safetensors reader (8-byte little-endian header size, JSON header, raw little-endian data)."""
    with open(path, "rb") as f:
        raw = f.read()
    (hlen,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + hlen].decode("utf-8"))
    base = 8 + hlen
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype = _ST_DTYPES.get(info["dtype"])
        if dtype is None:
            raise ValueError(f"{path}: {name} has unsupported dtype {info['dtype']}")
        shape, (begin, end) = info["shape"], info["data_offsets"]
        count = math.prod(shape)
        if count == 0:
            out[name] = torch.empty(shape, dtype=dtype)
            continue
        size = torch.empty(0, dtype=dtype).element_size() * count
        if size != end - begin or base + end > len(raw):
            raise ValueError(f"{path}: {name} holds bytes {begin}..{end}, {info['dtype']} {shape} needs {size}")
        # A fresh (aligned, writable) copy of the tensor's bytes.
        out[name] = torch.frombuffer(bytearray(raw[base + begin:base + end]), dtype=dtype).reshape(shape)
    return out


# ------------------------------------------------------------------------------------------------ modes


def check(a):
    """Parity against a C# checkpoint + inputs (see the module docstring)."""
    dev = torch.device(a.device)
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    result = {"check": a.check, "device": str(dev), "framework": "pytorch " + torch.__version__}
    try:
        with open(os.path.join(a.check, "config.json"), encoding="utf-8") as f:
            cfg = Config(**json.load(f))
        model = ExecutorTransformer(cfg)
        state = load_safetensors(os.path.join(a.check, "model.safetensors"))
        own = model.state_dict()
        missing = sorted(set(own) - set(state))
        unexpected = sorted(set(state) - set(own))
        shapes = sorted(f"{k} {list(state[k].shape)} vs model {list(own[k].shape)}" for k in set(own) & set(state)
                        if tuple(state[k].shape) != tuple(own[k].shape))
        if missing or unexpected or shapes:
            result.update(ok=False, error="model.safetensors does not fit the model", missing=missing,
                          unexpected=unexpected, shape=shapes)
            print(json.dumps(result))
            return 2
        model.load_state_dict({k: v.to(own[k].dtype) for k, v in state.items()}, strict=True)
        model.to(dev).eval()
        inp = load_safetensors(os.path.join(a.check, "inputs.safetensors"))
        need = ["clean", "noisy", "sigmas", "ids", "mask", "expected_v"]
        if any(k not in inp for k in need):
            result.update(ok=False, error="inputs.safetensors lacks " + ", ".join(k for k in need if k not in inp))
            print(json.dumps(result))
            return 2
        clean, noisy = inp["clean"].float().to(dev), inp["noisy"].float().to(dev)
        sigmas, expected = inp["sigmas"].float().to(dev), inp["expected_v"].float().to(dev)
        ids, mask = inp["ids"].long().to(dev), (inp["mask"] != 0).to(dev)
    except (OSError, ValueError, KeyError, RuntimeError) as e:
        result.update(ok=False, error=f"{type(e).__name__}: {e}")
        print(json.dumps(result))
        return 2
    with torch.no_grad():
        v = model.forward_teacher_forced(clean, noisy, sigmas, model.encode_text(ids, mask))
    if v.shape != expected.shape:
        result.update(ok=False, error=f"output {list(v.shape)} vs expected_v {list(expected.shape)}")
        print(json.dumps(result))
        return 2
    diff = (v - expected).abs()
    max_diff, mean_diff = diff.max().item(), diff.mean().item()
    ok = math.isfinite(max_diff) and max_diff <= a.tolerance
    result.update(shape=list(v.shape), text_tokens=int(ids.shape[1]), padded=int((~mask).sum().item()),
                  lora_rank=cfg.lora_rank, expected_abs_max=expected.abs().max().item(), max_abs_diff=max_diff,
                  mean_abs_diff=mean_diff, rel_max_abs_diff=max_diff / max(expected.abs().max().item(), 1e-30),
                  tolerance=a.tolerance, ok=ok)
    print(json.dumps(result))
    return 0 if ok else 1


def bench(a):
    dev = torch.device(a.device)
    torch.manual_seed(0)
    cfg = Config(VocabSize=a.vocab)
    model = ExecutorTransformer(cfg).to(dev).train()
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.01)
    b, frames, s = a.batch, a.frames, cfg.frame_size
    chunks = frames // cfg.chunk_frames
    amp = torch.autocast(device_type=dev.type, dtype=torch.bfloat16, enabled=a.dtype == "bf16")
    times = []
    for i in range(a.warmup + a.steps):
        if dev.type == "cuda":
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        clean = torch.rand(b, frames, 3, s, s, device=dev) * 2 - 1
        u = torch.rand(b, chunks, device=dev)
        sigma = cfg.shift * u / (1 + (cfg.shift - 1) * u)                              # [B, C]
        sigma_frames = sigma.repeat_interleave(cfg.chunk_frames, dim=1).view(b, frames, 1, 1, 1)
        eps = torch.randn_like(clean)
        noisy = (1 - sigma_frames) * clean + sigma_frames * eps
        # Captions as EncodeText hands them over: ids and mask built on the CPU, then copied to the device.
        ids = torch.randint(4, cfg.vocab_size, (b, a.caption_tokens)).to(dev)
        mask = torch.ones(b, a.caption_tokens, dtype=torch.bool).to(dev)
        with amp:
            text = model.encode_text(ids, mask)
            v = model.forward_teacher_forced(clean, noisy, sigma, text)
            cap = sigma_frames / sigma_frames.clamp_min(0.5)       # the trainer's 1/sigma^2 cap below sigma 0.5
            loss = ((v.float() - (eps - clean)) * cap).square().mean()
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if dev.type == "cuda":
            torch.cuda.synchronize()
        if i >= a.warmup:
            times.append((time.perf_counter() - t0) * 1000)
    if not math.isfinite(loss.item()):
        print(f"executor_step: loss is {loss.item()}", file=sys.stderr)
        return 1
    srt = sorted(times)
    q = lambda f: srt[round(f * (len(srt) - 1))]
    print(json.dumps({"framework": "pytorch " + torch.__version__, "device": str(dev),
                      "parameters": sum(p.numel() for p in model.parameters()), "batch": b, "frames": frames,
                      "vocab": cfg.vocab_size, "dtype": a.dtype, "median_ms": statistics.median(times),
                      "p10_ms": q(0.1), "p90_ms": q(0.9), "steps": len(times)}))
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--steps", type=int, default=50)
    p.add_argument("--vocab", type=int, default=266, help="text vocabulary (WordTokenizer.CreateDefault().Count = 266)")
    p.add_argument("--frames", type=int, default=18, help="frames a clip (ExecutorTrainConfig.ClipFrames)")
    p.add_argument("--caption-tokens", type=int, default=8, help="tokens a caption")
    p.add_argument("--dtype", choices=["fp32", "bf16"], default="fp32", help="bf16 = autocast around forward and loss")
    p.add_argument("--check", metavar="DIR", help="parity against a C# checkpoint + inputs.safetensors in DIR")
    p.add_argument("--tolerance", type=float, default=1e-4)
    a = p.parse_args()
    if a.check:
        return check(a)
    if a.batch < 1 or a.steps < 1 or a.warmup < 0 or a.frames < 3 or a.frames % 3 or a.caption_tokens < 1 \
            or a.caption_tokens > DEFAULT_CONFIG["MaxTextTokens"] or a.vocab < 5:
        p.error("--batch >= 1, --steps >= 1, --warmup >= 0, --frames a multiple of 3, 1 <= --caption-tokens <= 64, --vocab >= 5")
    return bench(a)


if __name__ == "__main__":
    sys.exit(main())
