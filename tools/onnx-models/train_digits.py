#!/usr/bin/env python3
"""Trains two small CNNs with BatchNorm on the embedded MNIST-10k digits in PyTorch and exports them as ONNX.

The digits are the ones shipped inside the tool
(src/main/resources/org/modeconn/engine/data/mnist10k/: 8,004 training and 1,996 test images, 28x28 grey,
pixels 0..255, IDX files, gzip). Both networks have the same architecture and differ only in their seed
(1 and 2):

    conv3x3(16, pad 1)-BN-ReLU-maxpool2, conv3x3(32, pad 1)-BN-ReLU-maxpool2, flatten,
    Linear(32*7*7, 128)-ReLU, Linear(128, 10)

Every convolution and dense layer has a bias. The pixels are divided by 255 in the training loop, not in the
model, so the exported graph takes raw 0..255 pixels ([N, 1, 28, 28]) and is imported with
`import-onnx --scaling pixels`. Training: SGD, momentum 0.9, weight decay 5e-4, batch 128, learning rate
0.05 falling linearly to 0.0005 over EPOCHS epochs, no augmentation; 2 threads.

Each network is exported in evaluation mode with training=TrainingMode.PRESERVE (so that BatchNorm stays a
layer and is not folded into the convolutions), opset 17, input "input", output "logits", batch axis dynamic.

Written to OUT_DIR (default /work/exp25):
    digits-a.onnx, digits-b.onnx      the two networks (seed 1, seed 2)
    digits-a-pytorch.json, ...-b-...  train and test error (evaluation mode), the settings, the time taken
    digits-a-test-probs.csv, ...      PyTorch's softmax probabilities on the 1,996 test images
                                      (row, label, prediction, P(0)..P(9)), to compare with `predict`

Run with Debian's python3-torch:
    /usr/bin/python3 tools/onnx-models/train_digits.py [OUT_DIR] [--epochs N]
"""
import argparse
import gzip
import json
import os
import struct
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "main", "resources",
                    "org", "modeconn", "engine", "data", "mnist10k")
LR_START, LR_END, MOMENTUM, WEIGHT_DECAY, BATCH = 0.05, 0.0005, 0.9, 5e-4, 128


def read_idx(path):
    """Reads a gzip-compressed IDX file (unsigned bytes) into a numpy array of its shape."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", raw[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an IDX file of unsigned bytes")
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    if data.size != int(np.prod(dims)):
        raise ValueError(f"{path}: {data.size} values, the header says {dims}")
    return data.reshape(dims)


def load_split(split):
    """Returns (images as float32 [N, 1, 28, 28] in 0..255, labels as int64 [N])."""
    images = read_idx(os.path.join(DATA, f"{split}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(DATA, f"{split}-labels-idx1-ubyte.gz"))
    if images.shape[0] != labels.shape[0]:
        raise ValueError(f"{split}: {images.shape[0]} images but {labels.shape[0]} labels")
    x = torch.from_numpy(images.astype(np.float32)).unsqueeze(1)
    y = torch.from_numpy(labels.astype(np.int64))
    return x, y


class DigitsCNN(nn.Module):
    """Two conv-BN-ReLU-maxpool stages and two dense layers; takes pixels already scaled to [0, 1]."""

    def __init__(self, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, 1, 1, bias=True)
        self.bn1 = nn.BatchNorm2d(16)
        self.conv2 = nn.Conv2d(16, 32, 3, 1, 1, bias=True)
        self.bn2 = nn.BatchNorm2d(32)
        self.fc1 = nn.Linear(32 * 7 * 7, 128, bias=True)
        self.fc2 = nn.Linear(128, classes, bias=True)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


def evaluate(model, x, y):
    """Mean cross-entropy, error and softmax probabilities in evaluation mode (x in 0..255)."""
    model.eval()
    with torch.no_grad():
        logits = torch.cat([model(x[i:i + 500] / 255.0) for i in range(0, len(x), 500)])
    loss = F.cross_entropy(logits, y).item()
    probs = F.softmax(logits, dim=1)
    error = (probs.argmax(1) != y).float().mean().item()
    return loss, error, probs


def train(seed, epochs, x_train, y_train, x_test, y_test):
    torch.manual_seed(seed)
    model = DigitsCNN()
    opt = torch.optim.SGD(model.parameters(), lr=LR_START, momentum=MOMENTUM, weight_decay=WEIGHT_DECAY)
    order = torch.Generator().manual_seed(seed)
    n = len(x_train)
    steps_per_epoch = (n + BATCH - 1) // BATCH
    total, step = epochs * steps_per_epoch, 0
    history = []
    for epoch in range(1, epochs + 1):
        model.train()
        perm = torch.randperm(n, generator=order)
        seen, loss_sum = 0, 0.0
        for i in range(0, n, BATCH):
            lr = LR_START + (LR_END - LR_START) * step / max(1, total - 1)
            for g in opt.param_groups:
                g["lr"] = lr
            idx = perm[i:i + BATCH]
            xb = x_train[idx] / 255.0
            loss = F.cross_entropy(model(xb), y_train[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            loss_sum += loss.item() * len(idx)
            seen += len(idx)
            step += 1
        train_loss, train_err, _ = evaluate(model, x_train, y_train)
        test_loss, test_err, _ = evaluate(model, x_test, y_test)
        history.append({"epoch": epoch, "train_loss": train_loss, "train_error": train_err,
                        "test_loss": test_loss, "test_error": test_err})
        print(f"  seed {seed} epoch {epoch}: batch loss {loss_sum / seen:.4f}, "
              f"train loss {train_loss:.4f} error {100 * train_err:.2f}%, "
              f"test loss {test_loss:.4f} error {100 * test_err:.2f}%", flush=True)
    return model, history


def export(model, path):
    model.eval()
    x = torch.zeros(2, 1, 28, 28)
    torch.onnx.export(model, x, path, opset_version=17, training=torch.onnx.TrainingMode.PRESERVE,
                      input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}})


def write_probs(path, y, probs):
    with open(path, "w") as f:
        f.write("row,label,prediction," + ",".join(f"P({k})" for k in range(probs.shape[1])) + "\n")
        pred = probs.argmax(1)
        for i in range(len(y)):
            f.write(f"{i + 1},{int(y[i])},{int(pred[i])}," + ",".join(f"{v:.6f}" for v in probs[i].tolist())
                    + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?", default="/work/exp25", help="output folder (default /work/exp25)")
    ap.add_argument("--epochs", type=int, default=8, help="epochs per network (default 8)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(2)
    x_train, y_train = load_split("train")
    x_test, y_test = load_split("test")
    print(f"torch {torch.__version__}; {len(x_train)} training and {len(x_test)} test images", flush=True)
    for name, seed in (("digits-a", 1), ("digits-b", 2)):
        start = time.time()
        model, history = train(seed, args.epochs, x_train, y_train, x_test, y_test)
        seconds = time.time() - start
        train_loss, train_err, _ = evaluate(model, x_train, y_train)
        test_loss, test_err, probs = evaluate(model, x_test, y_test)
        onnx_path = os.path.join(args.out, name + ".onnx")
        export(model, onnx_path)
        write_probs(os.path.join(args.out, name + "-test-probs.csv"), y_test, probs)
        summary = {"name": name, "seed": seed, "epochs": args.epochs, "torch": torch.__version__,
                   "optimizer": {"kind": "SGD", "lr": [LR_START, LR_END], "schedule": "linear per step",
                                 "momentum": MOMENTUM, "weight_decay": WEIGHT_DECAY, "batch": BATCH},
                   "train_loss": train_loss, "train_error": train_err,
                   "test_loss": test_loss, "test_error": test_err,
                   "train_seconds": seconds, "history": history, "onnx": onnx_path}
        with open(os.path.join(args.out, name + "-pytorch.json"), "w") as f:
            json.dump(summary, f, indent=2)
        print(f"{name} (seed {seed}): train error {100 * train_err:.2f}%, test error {100 * test_err:.2f}% "
              f"(test loss {test_loss:.4f}), {seconds:.1f} s; wrote {onnx_path}", flush=True)


if __name__ == "__main__":
    main()
