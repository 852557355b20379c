"""PyTorch half of the side-by-side benchmark: the planner transformer of src/TempAct.Models/Planner (GPT-2 style,
pre-norm, exact GELU, causal SDPA, untied head without bias) and the same training step as
TransformerStepBench.cs (forward, cross-entropy, backward, AdamW lr 1e-3 wd 0.01). A measurement harness only: the
project itself is C#. Usage: python3 bench/transformer_step.py --device cuda --batch 64 --seq 256 --steps 50
Prints one JSON line like `./tempact bench transformer-step`."""
import argparse, json, time, statistics
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.ln_1, self.ln_2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.c_attn, self.attn_proj = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.c_fc, self.mlp_proj = nn.Linear(d, 4 * d), nn.Linear(4 * d, d)

    def forward(self, x):
        b, t, d = x.shape
        q, k, v = self.c_attn(self.ln_1(x)).view(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True).transpose(1, 2).reshape(b, t, d)
        x = x + self.attn_proj(y)
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x))))


class PlannerLm(nn.Module):
    def __init__(self, vocab, d, layers, heads, max_tokens):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(vocab, d), nn.Embedding(max_tokens, d)
        self.h = nn.ModuleList([Block(d, heads) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(d)
        self.lm_head = nn.Linear(d, vocab, bias=False)

    def forward(self, idx):
        x = self.wte(idx) + self.wpe(torch.arange(idx.shape[1], device=idx.device))
        for block in self.h:
            x = block(x)
        return self.lm_head(self.ln_f(x))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--device", default="cuda"); p.add_argument("--batch", type=int, default=64)
    p.add_argument("--seq", type=int, default=256); p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--steps", type=int, default=50); p.add_argument("--vocab", type=int, default=266)
    p.add_argument("--dim", type=int, default=192); p.add_argument("--layers", type=int, default=6)
    p.add_argument("--heads", type=int, default=6)
    a = p.parse_args()
    dev = torch.device(a.device)
    torch.manual_seed(0)
    model = PlannerLm(a.vocab, a.dim, a.layers, a.heads, a.seq).to(dev).train()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    tokens = torch.randint(a.vocab, (a.batch, a.seq + 1)).to(dev)
    inp, tgt = tokens[:, :-1], tokens[:, 1:]
    times = []
    for i in range(a.warmup + a.steps):
        if dev.type == "cuda": torch.cuda.synchronize()
        t0 = time.perf_counter()
        loss = F.cross_entropy(model(inp).reshape(-1, a.vocab), tgt.reshape(-1))
        opt.zero_grad(); loss.backward(); opt.step()
        if dev.type == "cuda": torch.cuda.synchronize()
        if i >= a.warmup: times.append((time.perf_counter() - t0) * 1000)
    s = sorted(times)
    q = lambda f: s[round(f * (len(s) - 1))]
    print(json.dumps({"framework": "pytorch " + torch.__version__, "device": str(dev),
                      "parameters": sum(p.numel() for p in model.parameters()), "batch": a.batch, "seq": a.seq,
                      "vocab": a.vocab, "median_ms": statistics.median(times), "p10_ms": q(0.1), "p90_ms": q(0.9),
                      "steps": len(times)}))


if __name__ == "__main__":
    main()
