#!/usr/bin/python3
"""CPU timing of the networks of Garipov et al. 2018 ("Loss Surfaces, Mode
Connectivity, and Fast Ensembling of DNNs") with PyTorch.

Usage:
  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 paper_nets.py --net vgg16|preresnet110|wrn28x10|preresnet20 [--layers]

Prints one JSON document on stdout.  Written from the architecture
descriptions only (no code taken from other projects).
"""
import argparse
import ctypes
import json
import os
import platform
import resource
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

NUM_CLASSES = 10
EXPECTED_PARAMS = {
    "vgg16": 15245130,
    "preresnet110": 1146842,
    "wrn28x10": 36489290,
    "preresnet20": None,  # no figure given; counted and reported
    "preresnet164": None,
}


# --------------------------------------------------------------------------
# Networks
# --------------------------------------------------------------------------
class VGG16(nn.Module):
    CFG = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M",
           512, 512, 512, "M", 512, 512, 512, "M"]

    def __init__(self, num_classes=NUM_CLASSES):
        super().__init__()
        layers = []
        c = 3
        for v in self.CFG:
            if v == "M":
                layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
            else:
                layers.append(nn.Conv2d(c, v, kernel_size=3, padding=1))
                layers.append(nn.ReLU(inplace=True))
                c = v
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(
            nn.Dropout(),
            nn.Linear(512, 512),
            nn.ReLU(inplace=True),
            nn.Dropout(),
            nn.Linear(512, 512),
            nn.ReLU(inplace=True),
            nn.Linear(512, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


class PreActBasic(nn.Module):
    """BN-ReLU-conv3x3(stride) -> BN-ReLU-conv3x3; projection on raw x."""
    expansion = 1

    def __init__(self, in_planes, planes, stride):
        super().__init__()
        out_planes = planes * self.expansion
        self.bn1 = nn.BatchNorm2d(in_planes)
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.shortcut = None
        if stride != 1 or in_planes != out_planes:
            self.shortcut = nn.Conv2d(in_planes, out_planes, 1, stride, bias=False)

    def forward(self, x):
        out = self.conv1(F.relu(self.bn1(x)))
        out = self.conv2(F.relu(self.bn2(out)))
        sc = x if self.shortcut is None else self.shortcut(x)
        return out + sc


class PreActBottleneck(nn.Module):
    """BN-ReLU-conv1x1 -> BN-ReLU-conv3x3(stride) -> BN-ReLU-conv1x1(x4);
    projection (conv1x1, stride, no bias) on the raw block input x."""
    expansion = 4

    def __init__(self, in_planes, planes, stride):
        super().__init__()
        out_planes = planes * self.expansion
        self.bn1 = nn.BatchNorm2d(in_planes)
        self.conv1 = nn.Conv2d(in_planes, planes, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, out_planes, 1, bias=False)
        self.shortcut = None
        if stride != 1 or in_planes != out_planes:
            self.shortcut = nn.Conv2d(in_planes, out_planes, 1, stride, bias=False)

    def forward(self, x):
        out = self.conv1(F.relu(self.bn1(x)))
        out = self.conv2(F.relu(self.bn2(out)))
        out = self.conv3(F.relu(self.bn3(out)))
        sc = x if self.shortcut is None else self.shortcut(x)
        return out + sc


class ResidualNet(nn.Module):
    """What both residual families share: conv1, three stages of n blocks (the
    first of stages 2 and 3 with stride 2), then BN-ReLU, an 8x8 average pool
    and the classifier. make_block(in_planes, planes, stride) returns the block
    and its output width."""

    def _stages(self, in_planes, widths, n, num_classes, make_block):
        stages = []
        for planes, stride in zip(widths, (1, 2, 2)):
            blocks = []
            for i in range(n):
                b, in_planes = make_block(in_planes, planes, stride if i == 0 else 1)
                blocks.append(b)
            stages.append(nn.Sequential(*blocks))
        self.layer1, self.layer2, self.layer3 = stages
        self.bn = nn.BatchNorm2d(in_planes)
        self.fc = nn.Linear(in_planes, num_classes)

    def forward(self, x):
        x = self.conv1(x)
        x = self.layer3(self.layer2(self.layer1(x)))
        x = F.relu(self.bn(x))
        x = F.avg_pool2d(x, 8)
        return self.fc(torch.flatten(x, 1))


class PreResNet(ResidualNet):
    def __init__(self, depth, num_classes=NUM_CLASSES):
        super().__init__()
        if depth >= 44:
            assert (depth - 2) % 9 == 0
            n = (depth - 2) // 9
            block = PreActBottleneck
        else:
            assert (depth - 2) % 6 == 0
            n = (depth - 2) // 6
            block = PreActBasic
        self.conv1 = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self._stages(16, (16, 32, 64), n, num_classes,
                     lambda i, p, s: (block(i, p, s), p * block.expansion))


class WideBasic(nn.Module):
    """BN-ReLU-conv3x3 -> dropout -> BN-ReLU-conv3x3(stride), all convs with
    bias; conv1x1 projection (with bias) on raw x when the shape changes. The
    stride sits on the second conv and the dropout after the first, as in the
    reference implementation's WideBasic (and in the engine's WideResNetSpec),
    so both sides time the same work."""

    def __init__(self, in_planes, planes, stride, dropout=0.0, bias=True):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_planes)
        self.conv1 = nn.Conv2d(in_planes, planes, 3, 1, 1, bias=bias)
        self.dropout = nn.Dropout(dropout) if dropout > 0 else None
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=bias)
        self.shortcut = None
        if stride != 1 or in_planes != planes:
            self.shortcut = nn.Conv2d(in_planes, planes, 1, stride, bias=bias)

    def forward(self, x):
        out = self.conv1(F.relu(self.bn1(x)))
        if self.dropout is not None:
            out = self.dropout(out)
        out = self.conv2(F.relu(self.bn2(out)))
        sc = x if self.shortcut is None else self.shortcut(x)
        return out + sc


class WideResNet(ResidualNet):
    def __init__(self, depth=28, widen=10, dropout=0.0, bias=True,
                 num_classes=NUM_CLASSES):
        super().__init__()
        assert (depth - 4) % 6 == 0
        n = (depth - 4) // 6
        widths = [16, 16 * widen, 32 * widen, 64 * widen]
        self.conv1 = nn.Conv2d(3, widths[0], 3, 1, 1, bias=bias)
        self._stages(widths[0], widths[1:], n, num_classes,
                     lambda i, p, s: (WideBasic(i, p, s, dropout, bias), p))


def build(name):
    if name == "vgg16":
        return VGG16()
    if name == "preresnet110":
        return PreResNet(110)
    if name == "preresnet20":
        return PreResNet(20)
    if name == "preresnet164":
        return PreResNet(164)
    if name == "wrn28x10":
        return WideResNet(28, 10, 0.0, bias=True)
    raise SystemExit("unknown net " + name)


def count_params(model):
    return sum(p.numel() for p in model.parameters())


# --------------------------------------------------------------------------
# Timing helpers
# --------------------------------------------------------------------------
def timed(fn, warmup, reps):
    for _ in range(warmup):
        fn()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return ts


def summary(ts):
    return {"median_s": statistics.median(ts), "min_s": min(ts),
            "all_s": [round(t, 5) for t in ts]}


def cpu_busy_s():
    """System-wide busy CPU seconds (all cores) from /proc/stat."""
    with open("/proc/stat") as f:
        v = [int(t) for t in f.readline().split()[1:]]
    idle = v[3] + v[4]
    return (sum(v[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def own_cpu_s():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class Contention:
    """Measures how many cores *other* processes used while a block ran."""

    def __enter__(self):
        self.w0, self.b0, self.o0 = time.perf_counter(), cpu_busy_s(), own_cpu_s()
        return self

    def __exit__(self, *a):
        wall = time.perf_counter() - self.w0
        busy = cpu_busy_s() - self.b0
        own = own_cpu_s() - self.o0
        self.result = {"wall_s": round(wall, 3),
                       "own_cores": round(own / wall, 2),
                       "other_procs_cores": round(max(0.0, busy - own) / wall, 2)}


def openblas_info():
    try:
        lib = ctypes.CDLL("libopenblas.so.0")
        lib.openblas_get_corename.restype = ctypes.c_char_p
        lib.openblas_get_config.restype = ctypes.c_char_p
        return {"core": lib.openblas_get_corename().decode(),
                "config": lib.openblas_get_config().decode(),
                "threads": lib.openblas_get_num_threads()}
    except Exception as e:  # pragma: no cover
        return {"error": str(e)}


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def timed_clean(fn, warmup, reps, budget_s, clean_thresh):
    """Run fn until `reps` repetitions were 'clean' (other processes used at
    most clean_thresh cores during that repetition) or, after at least `reps`
    repetitions, the time budget is spent.  The machine is shared, so every
    repetition records how many cores other processes used meanwhile."""
    for _ in range(warmup):
        fn()
    samples = []
    t_start = time.perf_counter()
    while True:
        b0, o0 = cpu_busy_s(), own_cpu_s()
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        other = max(0.0, (cpu_busy_s() - b0) - (own_cpu_s() - o0)) / dt
        samples.append((dt, other))
        n_clean = sum(1 for _, o in samples if o <= clean_thresh)
        if n_clean >= reps:
            break
        if len(samples) >= reps and time.perf_counter() - t_start > budget_s:
            break
    return samples


def summary_clean(samples, clean_thresh):
    ts = [t for t, _ in samples]
    clean = [t for t, o in samples if o <= clean_thresh]
    return {"median_s": statistics.median(clean) if clean else None,
            "n_clean": len(clean),
            "median_all_s": statistics.median(ts),
            "min_s": min(ts),
            "all_s": [round(t, 4) for t in ts],
            "other_cores": [round(o, 2) for _, o in samples]}


def sgd_setup(model, batch):
    """A random batch, the loss and the benchmark's SGD (lr 0.05, momentum 0.9,
    weight decay 5e-4), the model in training mode."""
    x = torch.randn(batch, 3, 32, 32)
    y = torch.randint(0, NUM_CLASSES, (batch,))
    crit = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9,
                          weight_decay=5e-4)
    model.train()
    return x, y, crit, opt


def time_network(model, batch, warmup, reps, eval_reps, budget_s, clean_thresh):
    x, y, crit, opt = sgd_setup(model, batch)
    phases = []

    def step():
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss = crit(model(x), y)
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        opt.step()
        t3 = time.perf_counter()
        phases.append((t1 - t0, t2 - t1, t3 - t2))

    if reps == 0:  # --reps 0: eval only
        step()
        train = [(sum(phases[-1]), 99.0)]  # 99 = untimed (cold) step, never "clean"
        warmup = 0
    else:
        train = timed_clean(step, warmup, reps, budget_s, clean_thresh)
    ph = phases[warmup:]
    clean_ph = [p for p, (_, o) in zip(ph, train) if o <= clean_thresh] or ph
    phase_med = {k: statistics.median(p[i] for p in clean_ph)
                 for i, k in enumerate(("forward", "backward", "opt_step"))}
    rss_after_train = rss_mb()

    model.eval()

    def ev():
        with torch.no_grad():
            model(x)

    evs = timed_clean(ev, warmup, eval_reps, budget_s, clean_thresh)
    tr, ev_s = summary_clean(train, clean_thresh), summary_clean(evs, clean_thresh)
    return {
        "clean_thresh_other_cores": clean_thresh,
        "train_step": tr,
        "train_phases_median_s": phase_med,
        "eval_batch": ev_s,
        "train_images_per_s": batch / (tr["median_s"] or tr["median_all_s"]),
        "eval_images_per_s": batch / (ev_s["median_s"] or ev_s["median_all_s"]),
        "peak_rss_mb_after_train": rss_after_train,
    }


# --------------------------------------------------------------------------
# Per-layer timings
# --------------------------------------------------------------------------
def collect_shapes(model, batch):
    """Run one forward pass with hooks; return distinct conv / BN / ReLU
    input shapes and their multiplicity."""
    convs, bns = {}, {}
    hooks = []

    def conv_hook(m, inp, out):
        key = (tuple(inp[0].shape), tuple(m.weight.shape), m.stride[0],
               m.padding[0], m.bias is not None, tuple(out.shape))
        convs[key] = convs.get(key, 0) + 1

    def bn_hook(m, inp, out):
        key = tuple(inp[0].shape)
        bns[key] = bns.get(key, 0) + 1

    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            hooks.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, nn.BatchNorm2d):
            hooks.append(m.register_forward_hook(bn_hook))
    model.train()
    with torch.no_grad():
        model(torch.randn(batch, 3, 32, 32))
    for h in hooks:
        h.remove()
    return convs, bns


def conv_layer_times(key, warmup, reps):
    in_shape, w_shape, stride, pad, has_bias, out_shape = key
    x = torch.randn(*in_shape)
    w = torch.randn(*w_shape) * 0.05
    b = torch.randn(w_shape[0]) if has_bias else None
    gy = torch.randn(*out_shape)
    n, cin, _, _ = in_shape
    cout, _, kh, kw = w_shape
    ho, wo = out_shape[2], out_shape[3]
    flops = 2.0 * n * cout * ho * wo * cin * kh * kw
    conv_bw = torch.ops.aten.convolution_backward
    bias_sizes = [cout] if has_bias else None

    def fwd():
        with torch.no_grad():
            F.conv2d(x, w, b, stride, pad)

    def bwd_data():
        conv_bw(gy, x, w, bias_sizes, [stride, stride], [pad, pad], [1, 1],
                False, [0, 0], 1, [True, False, False])

    def bwd_weight():
        conv_bw(gy, x, w, bias_sizes, [stride, stride], [pad, pad], [1, 1],
                False, [0, 0], 1, [False, True, has_bias])

    # sanity check against autograd once (small tolerance, float32)
    xr = x.detach().clone().requires_grad_(True)
    wr = w.detach().clone().requires_grad_(True)
    yr = F.conv2d(xr, wr, b, stride, pad)
    gx_ref, gw_ref = torch.autograd.grad(yr, (xr, wr), gy)
    gx = conv_bw(gy, x, w, bias_sizes, [stride, stride], [pad, pad], [1, 1],
                 False, [0, 0], 1, [True, False, False])[0]
    gw = conv_bw(gy, x, w, bias_sizes, [stride, stride], [pad, pad], [1, 1],
                 False, [0, 0], 1, [False, True, has_bias])[1]
    ok = (torch.allclose(gx, gx_ref, rtol=1e-3, atol=1e-3 * gx_ref.abs().max().item())
          and torch.allclose(gw, gw_ref, rtol=1e-3, atol=1e-3 * gw_ref.abs().max().item()))
    del xr, wr, yr, gx_ref, gw_ref, gx, gw

    res = {"in": list(in_shape), "weight": list(w_shape), "stride": stride,
           "pad": pad, "bias": has_bias, "out": list(out_shape),
           "gflop": flops / 1e9, "grad_check_ok": bool(ok)}
    for name, fn in (("fwd", fwd), ("bwd_data", bwd_data), ("bwd_weight", bwd_weight)):
        ts = timed(fn, warmup, reps)
        t, tmin = statistics.median(ts), min(ts)
        res[name + "_s"] = t
        res[name + "_min_s"] = tmin
        res[name + "_gflops"] = flops / t / 1e9
        res[name + "_gflops_best"] = flops / tmin / 1e9
    return res


def bn_relu_times(shape, warmup, reps):
    c = shape[1]
    x = torch.randn(*shape, requires_grad=True)
    g = torch.ones(c, requires_grad=True)
    bt = torch.zeros(c, requires_grad=True)
    rm, rv = torch.zeros(c), torch.ones(c)
    gy = torch.randn(*shape)

    def bn_fwd():
        with torch.no_grad():
            F.batch_norm(x, rm, rv, g, bt, True, 0.1, 1e-5)

    def bn_fwd_bwd():
        y = F.batch_norm(x, rm, rv, g, bt, True, 0.1, 1e-5)
        torch.autograd.grad(y, (x, g, bt), gy)

    xd = x.detach()

    def relu_fwd():
        F.relu(xd)

    def relu_bwd():
        torch.ops.aten.threshold_backward(gy, xd, 0)

    out = {"shape": list(shape)}
    for name, fn in (("bn_fwd", bn_fwd), ("bn_fwd_bwd", bn_fwd_bwd),
                     ("relu_fwd", relu_fwd), ("relu_bwd", relu_bwd)):
        ts = timed(fn, warmup, reps)
        out[name + "_s"] = statistics.median(ts)
        out[name + "_min_s"] = min(ts)
    return out


def layer_report(model, batch, warmup, reps):
    convs, bns = collect_shapes(model, batch)
    conv_rows = []
    tot = {"fwd_s": 0.0, "bwd_data_s": 0.0, "bwd_weight_s": 0.0, "gflop": 0.0,
           "fwd_min_s": 0.0, "bwd_data_min_s": 0.0, "bwd_weight_min_s": 0.0}
    for key, count in sorted(convs.items(), key=lambda kv: (-kv[0][0][2], kv[0][1])):
        r = conv_layer_times(key, warmup, reps)
        r["count"] = count
        conv_rows.append(r)
        for k in tot:
            tot[k] += count * r[k]
        print("conv", key, count, round(r["fwd_s"], 4), round(r["bwd_data_s"], 4),
              round(r["bwd_weight_s"], 4), file=sys.stderr, flush=True)
    bn_rows = []
    bn_tot = {"bn_fwd_bwd_s": 0.0, "relu_fwd_s": 0.0, "relu_bwd_s": 0.0,
              "bn_fwd_bwd_min_s": 0.0, "relu_fwd_min_s": 0.0, "relu_bwd_min_s": 0.0}
    for shape, count in sorted(bns.items(), key=lambda kv: -kv[0][2] * 1000 - kv[0][1]):
        r = bn_relu_times(shape, warmup, reps)
        r["count"] = count
        bn_rows.append(r)
        for k in bn_tot:
            bn_tot[k] += count * r[k]
    return {"conv": conv_rows,
            "conv_sum_weighted_by_count": tot,
            "conv_train_sum_s": tot["fwd_s"] + tot["bwd_data_s"] + tot["bwd_weight_s"],
            "conv_train_sum_min_s": (tot["fwd_min_s"] + tot["bwd_data_min_s"]
                                     + tot["bwd_weight_min_s"]),
            "bn_relu": bn_rows,
            "bn_relu_sum_weighted_by_count": bn_tot}


# --------------------------------------------------------------------------
# As users run it: several trainings at once, several networks in one process
# --------------------------------------------------------------------------
def plain_steps(model, batch, warmup, seed):
    """One SGD training step as a function, after `warmup` steps; timed by the
    caller without the clean filter, since here the other work is the point."""
    torch.manual_seed(seed)
    x, y, crit, opt = sgd_setup(model, batch)

    def step():
        opt.zero_grad(set_to_none=True)
        crit(model(x), y).backward()
        opt.step()

    for _ in range(warmup):
        step()
    return step


def _concurrent_child(net, batch, warmup, reps, threads, seed, barrier, out):
    torch.set_num_threads(threads)
    step = plain_steps(build(net), batch, warmup, seed)
    barrier.wait()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        step()
        ts.append(time.perf_counter() - t0)
    out.put((seed, ts, rss_mb()))


def run_concurrent(args, reps):
    """One training alone, then N identical trainings at once, each in its own
    process (as N Python jobs would run), all starting their timed steps
    together after their warm-up."""
    import multiprocessing as mp
    alone = plain_steps(build(args.net), args.batch, args.warmup, 0)
    alone_ts = timed(alone, 0, reps)
    # spawn, not fork: an OpenMP runtime the parent has started does not survive a fork
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(args.concurrent), ctx.Queue()
    procs = [ctx.Process(target=_concurrent_child,
                         args=(args.net, args.batch, args.warmup, reps, args.threads,
                               k + 1, barrier, out))
             for k in range(args.concurrent)]
    with Contention() as c:
        for p in procs:
            p.start()
        results = [out.get() for _ in procs]
        for p in procs:
            p.join()
    results.sort()
    each = [statistics.median(ts) for _, ts, _ in results]
    alone_median = statistics.median(alone_ts)
    return {"net": args.net, "trainings": args.concurrent, "threads_each": args.threads,
            "alone_step_median_s": alone_median,
            "step_median_s": each,
            "steps_s": [[round(t, 4) for t in ts] for _, ts, _ in results],
            "throughput_vs_alone": sum(1 / t for t in each) * alone_median,
            "peak_rss_mb_each": [r for _, _, r in results],
            "contention": c.result}


def run_sequence(args, reps):
    """Several networks one after the other in this one process, with the
    process's peak resident memory after each (as one long-lived JVM runs
    them)."""
    rows = []
    for net in args.sequence.split(","):
        step = plain_steps(build(net), args.batch, args.warmup, 0)
        ts = timed(step, 0, reps)
        del step
        rows.append({"net": net, "step_median_s": statistics.median(ts),
                     "peak_rss_mb_so_far": rss_mb()})
        print(net, rows[-1], file=sys.stderr, flush=True)
    return {"sequence": rows}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--net", required=True,
                    choices=["vgg16", "preresnet110", "preresnet164", "wrn28x10", "preresnet20"])
    ap.add_argument("--layers", action="store_true",
                    help="also time the distinct conv/BN/ReLU shapes")
    ap.add_argument("--no-net", action="store_true",
                    help="skip the whole-network timing (layers only)")
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--reps", type=int, default=None,
                    help="timed train steps (default 5; 2 for wrn28x10; 0 = one untimed step, eval only)")
    ap.add_argument("--eval-reps", type=int, default=None)
    ap.add_argument("--layer-reps", type=int, default=7)
    ap.add_argument("--budget", type=float, default=None,
                    help="seconds per phase to keep repeating while reps are "
                         "disturbed by other processes (default 90; 240 for wrn28x10)")
    ap.add_argument("--clean-thresh", type=float, default=0.15,
                    help="a repetition is clean if other processes used at "
                         "most this many cores meanwhile")
    ap.add_argument("--no-mkldnn", action="store_true",
                    help="disable oneDNN (falls back to im2col + BLAS convs)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--concurrent", type=int, default=1,
                    help="instead: one training alone, then N trainings of --net at once, each "
                         "in its own process with --threads threads (as bench --paper-nets --concurrent N)")
    ap.add_argument("--sequence", default=None,
                    help="instead: these networks (comma-separated) one after the other in one "
                         "process, peak RSS after each (e.g. vgg16,preresnet110,preresnet164)")
    args = ap.parse_args()
    if args.concurrent < 1:
        raise SystemExit("--concurrent %d is below 1: give 2 or more trainings to run at once" % args.concurrent)

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    if args.no_mkldnn:
        torch.backends.mkldnn.enabled = False
    reps = args.reps if args.reps is not None else (2 if args.net == "wrn28x10" else 5)
    eval_reps = args.eval_reps or (3 if args.net == "wrn28x10" else 5)
    if args.budget is None:
        args.budget = 240.0 if args.net == "wrn28x10" else 90.0

    if args.concurrent > 1 or args.sequence:
        result = run_concurrent(args, reps) if args.concurrent > 1 else run_sequence(args, reps)
        result.update({"torch_version": torch.__version__, "threads": args.threads,
                       "env": {k: os.environ.get(k) for k in ("OMP_WAIT_POLICY", "OMP_NUM_THREADS")},
                       "loadavg_at_end": os.getloadavg()})
        print(json.dumps(result, indent=1))
        return
    model = build(args.net)
    n_params = count_params(model)
    exp = EXPECTED_PARAMS[args.net]
    result = {
        "net": args.net,
        "params": n_params,
        "params_expected": exp,
        "params_match": (exp is None) or (n_params == exp),
        "torch_version": torch.__version__,
        "python": platform.python_version(),
        "threads": torch.get_num_threads(),
        "mkldnn_available": torch.backends.mkldnn.is_available(),
        "mkldnn_enabled": torch.backends.mkldnn.enabled,
        "batch": args.batch,
        "warmup": args.warmup,
        "reps": reps,
        "eval_reps": eval_reps,
        "budget_s": args.budget,
        "rss_mb_after_build": rss_mb(),
    }
    if exp is not None and n_params != exp:
        print("WARNING: parameter count %d != expected %d" % (n_params, exp),
              file=sys.stderr)
    result["env"] = {k: os.environ.get(k) for k in
                     ("OMP_WAIT_POLICY", "OMP_NUM_THREADS", "OPENBLAS_CORETYPE",
                      "OPENBLAS_NUM_THREADS", "DNNL_MAX_CPU_ISA")}
    result["openblas"] = openblas_info()
    result["loadavg_at_start"] = os.getloadavg()
    if not args.no_net:
        with Contention() as c:
            result.update(time_network(model, args.batch, args.warmup, reps,
                                       eval_reps, args.budget, args.clean_thresh))
        result["contention_net"] = c.result
    result["peak_rss_mb"] = rss_mb()
    if args.layers:
        with Contention() as c:
            result["layers"] = layer_report(model, args.batch, args.warmup,
                                            args.layer_reps)
        result["contention_layers"] = c.result
        result["peak_rss_mb_incl_layers"] = rss_mb()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
