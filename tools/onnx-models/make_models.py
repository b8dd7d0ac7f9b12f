#!/usr/bin/env python3
"""Writes the PyTorch-made ONNX models the tests import (src/test/resources/onnx/).

For each model: NAME.onnx (BatchNorm kept as a layer: evaluation mode, exported with
training=TrainingMode.PRESERVE so that PyTorch does not fold it into the convolutions), NAME-step.onnx (the
same model after one SGD step in training mode on a fixed batch: lr 0.05, momentum 0.9, weight decay 5e-4),
and NAME.json (the batch, its labels, the probabilities before the step, the loss of the step). The ResNet is
also written with BatchNorm folded (resnet18-folded.onnx: PyTorch's default export in evaluation mode). The
windows model has rectangular and padded convolutions and pools, and average pools that count their padding
and that do not; the ceil model has max- and average pools in ceil mode.

Run with Debian's python3-torch:  /usr/bin/python3 tools/onnx-models/make_models.py [OUT_DIR]
"""
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "..", "src", "test", "resources", "onnx")
LR, MOMENTUM, WEIGHT_DECAY = 0.05, 0.9, 5e-4
BATCH = 8


class BasicBlock(nn.Module):
    """torchvision's ResNet basic block: conv-BN-ReLU-conv-BN, plus the (projected) input, then ReLU."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        identity = x if self.downsample is None else self.downsample(x)
        return F.relu(out + identity)


class ResNet18(nn.Module):
    """torchvision's ResNet-18 block layout (2, 2, 2, 2 basic blocks) for 32x32 input: a 3x3 stem without
    max-pooling, as CIFAR ResNets have; widths 8, 16, 32, 64 to keep the test files small."""

    def __init__(self, width=8, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        blocks, cin = [], width
        for i, w in enumerate([width, 2 * width, 4 * width, 8 * width]):
            for j in range(2):
                blocks.append(BasicBlock(cin, w, 2 if i > 0 and j == 0 else 1))
                cin = w
        self.layers = nn.Sequential(*blocks)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(cin, classes)

    def forward(self, x):
        x = self.layers(F.relu(self.bn1(self.conv1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


class Vgg11Bn(nn.Module):
    """VGG-11 with BatchNorm (configuration A), widths divided by 8, for 32x32 input; a CIFAR-style head."""

    def __init__(self, classes=10):
        super().__init__()
        layers, cin = [], 3
        for v in [8, "M", 16, "M", 32, 32, "M", 64, 64, "M", 64, 64, "M"]:
            if v == "M":
                layers.append(nn.MaxPool2d(2, 2))
            else:
                layers += [nn.Conv2d(cin, v, 3, padding=1), nn.BatchNorm2d(v), nn.ReLU(inplace=True)]
                cin = v
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Linear(64, 64), nn.ReLU(inplace=True), nn.Linear(64, classes))

    def forward(self, x):
        # flattened as the reference implementation's models do: exported as Shape, Gather, Unsqueeze, Concat
        # and Reshape
        out = self.features(x)
        return self.classifier(out.view(out.size(0), -1))


class Windows(nn.Module):
    """Windows beyond the square: a 1x3 convolution with strides (1, 2), a padded max-pool, zeros added
    unevenly (one row above, two columns to the right), a 3x1 convolution, an average pool counting its
    padding (PyTorch writes Pad, then AveragePool) and one that does not (AveragePool with pads), and a max-pool
    in ceil mode whose last windows hang over the edge, on 3x16x16 input."""

    def __init__(self, classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, (1, 3), stride=(1, 2), padding=(0, 1)), nn.BatchNorm2d(8), nn.ReLU(),
            nn.MaxPool2d(3, stride=2, padding=1), nn.ZeroPad2d((0, 2, 1, 0)), nn.Conv2d(8, 8, (3, 1), padding=(1, 0)),
            nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=True),
            nn.AvgPool2d((2, 3), stride=1, padding=1, count_include_pad=False),
            nn.ReLU(), nn.MaxPool2d(3, stride=2, ceil_mode=True))
        self.fc = nn.Linear(8 * 5 * 3, classes)

    def forward(self, x):
        return self.fc(torch.flatten(self.features(x), 1))


class CeilPools(nn.Module):
    """Pools in ceil mode, whose last windows hang over the edge: a max-pool of values that can be negative
    (after BatchNorm, before the ReLU), an average pool counting its padding (PyTorch writes Pad, then an
    AveragePool padded at the end only), and two that do not count it, one padded; on 3x13x12 input, so that the
    partial windows differ between the two directions."""

    def __init__(self, classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.MaxPool2d(2, stride=2, ceil_mode=True), nn.ReLU(),
            nn.Conv2d(8, 8, 3, padding=1),
            nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=True),
            nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=False),
            nn.AvgPool2d(2, stride=2, ceil_mode=True, count_include_pad=False))
        self.fc = nn.Linear(8 * 2 * 2, classes)

    def forward(self, x):
        return self.fc(torch.flatten(self.features(x), 1))


class MlpBn(nn.Module):
    """An MLP with BatchNorm1d on 784 features: 784-64-BN-ReLU-32-BN-ReLU-10."""

    def __init__(self, classes=10):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(784, 64), nn.BatchNorm1d(64), nn.ReLU(), nn.Linear(64, 32),
                                 nn.BatchNorm1d(32), nn.ReLU(), nn.Linear(32, classes))

    def forward(self, x):
        return self.net(x)


def randomise_batchnorm(model, g):
    """Running statistics and affine parameters away from 0 and 1, so that a mix-up of them shows."""
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            with torch.no_grad():
                m.running_mean.uniform_(-0.5, 0.5, generator=g)
                m.running_var.uniform_(0.5, 1.5, generator=g)
                m.weight.uniform_(0.5, 1.5, generator=g)
                m.bias.uniform_(-0.5, 0.5, generator=g)


def export(model, x, path, preserve):
    model.eval()
    kwargs = dict(opset_version=17, input_names=["input"], output_names=["logits"],
                  dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}})
    if preserve:
        kwargs["training"] = torch.onnx.TrainingMode.PRESERVE
    torch.onnx.export(model, x[:1], path, **kwargs)


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.set_num_threads(1)
    for name, make, shape in [("resnet18", ResNet18, (3, 32, 32)), ("vgg11bn", Vgg11Bn, (3, 32, 32)),
                              ("mlpbn", MlpBn, (784,)), ("windows", Windows, (3, 16, 16)),
                              ("ceil", CeilPools, (3, 13, 12))]:
        torch.manual_seed(0)
        g = torch.Generator().manual_seed(1)
        model = make()
        randomise_batchnorm(model, g)
        x = torch.rand((BATCH,) + shape, generator=g) * 2 - 0.5
        y = torch.randint(0, 10, (BATCH,), generator=g)
        model.eval()
        with torch.no_grad():
            probabilities = F.softmax(model(x), dim=1)
        export(model, x, os.path.join(OUT, name + ".onnx"), preserve=True)
        if name == "resnet18":
            export(model, x, os.path.join(OUT, name + "-folded.onnx"), preserve=False)

        model.train()
        opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM, weight_decay=WEIGHT_DECAY)
        loss = F.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        export(model, x, os.path.join(OUT, name + "-step.onnx"), preserve=True)

        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump({"model": name, "torch": torch.__version__, "shape": list(shape),
                       "input": [round(v, 8) for v in x.flatten().tolist()], "labels": y.tolist(),
                       "probabilities": probabilities.flatten().tolist(), "loss": loss.item(),
                       "lr": LR, "momentum": MOMENTUM, "weight_decay": WEIGHT_DECAY}, f)
        print(name, "parameters", sum(p.numel() for p in model.parameters()), "loss", round(loss.item(), 5))


if __name__ == "__main__":
    main()
