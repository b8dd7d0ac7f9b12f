#!/usr/bin/env python3
"""The exact Hessian reference for the `sharpness` tests: two small networks trained briefly in PyTorch on the
embedded MNIST-10k digits, exported as ONNX, and the top eigenvalues and the trace of the Hessian of their
training loss, from PyTorch's double backward in float64.

The loss is the plain mean cross-entropy (no weight decay) over the first ROWS training digits in file order
(the first 4 batches of 128, what `sharpness --batches 4` takes), pixels divided by 255. Neither network has
BatchNorm or dropout, so training and evaluation mode are the same function. The Hessian is formed whole (one
double-backward pass per parameter) and its trace is the sum of its diagonal. Its largest eigenvalues come from
Lanczos on that matrix in float64 with full reorthogonalisation, run LANCZOS_STEPS steps, far past convergence:
the residual norm ‖Hx − λx‖ of each Ritz pair is written beside it. (Debian's torch uses the generic LAPACK, whose
full eigendecomposition of these matrices takes hours.)

    mlp   Linear(784, 16), ReLU, Linear(16, 10), on rows of 784 pixels                             12,730 parameters
    cnn   Conv(1->4, 3x3, pad 1), ReLU, MaxPool 2, Conv(4->8, 3x3, pad 1), ReLU, MaxPool 2,
          Flatten, Linear(392, 10)                                                                  4,266 parameters

Each is trained for STEPS steps of SGD (learning rate 0.05, momentum 0.9, batch 128, seed 1) on all 8,004
training digits, then exported (opset 17; input [N, 784] for the MLP, [N, 1, 28, 28] for the CNN, of pixels in
[0, 1]: the tool divides by 255 before the graph, `--scaling pixels`). Written to OUT_DIR (default src/test/resources/sharpness): mlp.onnx, cnn.onnx and
reference.json.

Run with Debian's python3-torch:
    /usr/bin/python3 tools/sharpness-reference/make_reference.py [OUT_DIR]
"""
import json
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "onnx-models"))
from train_digits import load_split  # noqa: E402  (the IDX reader of the embedded digits)

ROWS, STEPS, BATCH, TOP, LANCZOS_STEPS = 512, 150, 128, 5, 300


def networks():
    torch.manual_seed(1)
    mlp = nn.Sequential(nn.Linear(784, 16), nn.ReLU(), nn.Linear(16, 10))
    torch.manual_seed(1)
    cnn = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Conv2d(4, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Flatten(), nn.Linear(8 * 7 * 7, 10))
    return {"mlp": mlp, "cnn": cnn}


def train(model, x, y):
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    g = torch.Generator().manual_seed(1)
    for _ in range(STEPS):
        idx = torch.randint(0, len(x), (BATCH,), generator=g)
        opt.zero_grad()
        F.cross_entropy(model(x[idx] / 255.0), y[idx]).backward()
        opt.step()


def hessian(model, x, y):
    """The whole Hessian [P, P] of the mean cross-entropy over (x, y), float64, by double backward."""
    params = [p for p in model.parameters()]
    loss = F.cross_entropy(model(x), y)
    grads = torch.autograd.grad(loss, params, create_graph=True)
    flat = torch.cat([g.reshape(-1) for g in grads])
    n = flat.numel()
    h = torch.empty(n, n, dtype=torch.float64)
    for i in range(n):
        row = torch.autograd.grad(flat[i], params, retain_graph=True)
        h[i] = torch.cat([r.reshape(-1) for r in row])
    return h


def lanczos_top(h, top, steps, seed=1):
    """The largest eigenvalues of the symmetric matrix h, descending, and each Ritz pair's residual norm."""
    n = h.shape[0]
    steps = min(steps, n)
    g = torch.Generator().manual_seed(seed)
    q = torch.randn(n, generator=g, dtype=torch.float64)
    q /= q.norm()
    basis = torch.zeros(steps, n, dtype=torch.float64)
    alpha = torch.zeros(steps, dtype=torch.float64)
    beta = torch.zeros(steps, dtype=torch.float64)
    for j in range(steps):
        basis[j] = q
        w = h @ q
        alpha[j] = w @ q
        for _ in range(2):
            w -= basis[:j + 1].T @ (basis[:j + 1] @ w)
        beta[j] = w.norm()
        q = w / beta[j]
    t = torch.diag(alpha) + torch.diag(beta[:-1], 1) + torch.diag(beta[:-1], -1)
    values, vectors = torch.linalg.eigh(t)
    order = torch.argsort(values, descending=True)[:top]
    ritz = basis.T @ vectors[:, order]
    residuals = [(h @ ritz[:, i] - values[order[i]] * ritz[:, i]).norm().item() for i in range(top)]
    return values[order].tolist(), residuals


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "src", "test", "resources",
                                                             "sharpness")
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(2)
    x, y = load_split("train")
    reference = {"rows": ROWS, "steps": STEPS, "torch": torch.__version__,
                 "loss": "mean cross-entropy over the first rows, no weight decay, float64", "networks": {}}
    for name, model in networks().items():
        rows = name == "mlp"
        train(model, x.flatten(1) if rows else x, y)
        model.eval()
        torch.onnx.export(model, torch.zeros(1, 784) if rows else torch.zeros(1, 1, 28, 28),
                          os.path.join(out, name + ".onnx"),
                          opset_version=17, input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
        start = time.time()
        model64 = model.double()
        xs = (x[:ROWS].flatten(1) if rows else x[:ROWS]).double() / 255.0
        ys = y[:ROWS]
        with torch.no_grad():
            loss = F.cross_entropy(model64(xs), ys).item()
        h = hessian(model64, xs, ys)
        asym = (h - h.T).abs().max().item()
        h = (h + h.T) / 2
        top, residuals = lanczos_top(h, TOP, LANCZOS_STEPS)
        entry = {"parameters": h.shape[0], "loss": loss, "eigenvalues": top, "residuals": residuals,
                 "trace": h.diagonal().sum().item(), "asymmetry": asym}
        entry["seconds"] = time.time() - start
        reference["networks"][name] = entry
        print(name, json.dumps(reference["networks"][name]), flush=True)
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump(reference, f, indent=2)


if __name__ == "__main__":
    main()
