"""Writes the PyTorch-exported ONNX fixtures of the ONNX import tests.

Run from the repository root with Debian's python3-torch (1.13) and python3-onnx (1.12):

    /usr/bin/python3 io/src/test/python/make_torch_onnx_fixtures.py

For each model NAME it writes into io/src/test/resources/onnx/:
  NAME.onnx           the exported model (checked with onnx.checker), batch axis dynamic
  NAME.input_0.pb     a TensorProto with the input used (as in ONNX's own test data layout)
  NAME.output_0.pb    a TensorProto with PyTorch's output for that input
Models are tiny and seeded, so the files are a few KB and the script is reproducible.
"""
import os

import onnx
import torch
from onnx import numpy_helper
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "onnx")


class LinearRank3(nn.Module):
    """A Linear on [batch, time, features]: MatMul + Add."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(5, 3)

    def forward(self, x):
        return self.fc(x)


class ConvBn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 3, 3, stride=2, padding=1)
        self.bn = nn.BatchNorm2d(3)
        self.pool = nn.AvgPool2d(2)

    def forward(self, x):
        return self.pool(torch.relu(self.bn(self.conv(x))))


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.mha = nn.MultiheadAttention(8, 2, batch_first=True)

    def forward(self, x):
        out, _ = self.mha(x, x, x, need_weights=False)
        return out


class EmbeddingMean(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(10, 4)

    def forward(self, ids):
        return self.emb(ids)


class GeluMlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 6)
        self.act = nn.GELU()

    def forward(self, x):
        return self.act(self.fc(x))


def randomize_bn(bn):
    with torch.no_grad():
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.uniform_(-0.5, 0.5)
        bn.running_mean.uniform_(-0.5, 0.5)
        bn.running_var.uniform_(0.5, 1.5)


def randomize_ln(ln):
    with torch.no_grad():
        ln.weight.uniform_(0.5, 1.5)
        ln.bias.uniform_(-0.5, 0.5)


def export(name, model, x, opset, dynamic_axes, **kwargs):
    model.eval()
    with torch.no_grad():
        y = model(x)
    path = os.path.join(OUT, name + ".onnx")
    torch.onnx.export(model, (x,), path, opset_version=opset, input_names=["input"], output_names=["output"],
                      dynamic_axes=dynamic_axes, **kwargs)
    onnx.checker.check_model(onnx.load(path))
    for suffix, value in (("input_0", x), ("output_0", y)):
        with open(os.path.join(OUT, name + "." + suffix + ".pb"), "wb") as f:
            f.write(numpy_helper.from_array(value.numpy()).SerializeToString())
    ops = [n.op_type for n in onnx.load(path).graph.node]
    print(name, "opset", opset, os.path.getsize(path), "bytes:", " ".join(ops))


def main():
    os.makedirs(OUT, exist_ok=True)
    batch = {"input": {0: "batch"}, "output": {0: "batch"}}

    torch.manual_seed(1)
    export("linear_gemm", nn.Linear(6, 4), torch.randn(3, 6), 9, batch)

    torch.manual_seed(2)
    export("linear_rank3", LinearRank3(), torch.randn(2, 4, 5), 13, batch)

    torch.manual_seed(3)
    m = ConvBn()
    randomize_bn(m.bn)
    export("conv_bn_folded", m, torch.randn(2, 2, 8, 8), 11, batch)
    export("conv_bn_kept", m, torch.randn(2, 2, 8, 8), 14, batch, do_constant_folding=False,
           training=torch.onnx.TrainingMode.PRESERVE)

    torch.manual_seed(4)
    ln = nn.LayerNorm(6)
    randomize_ln(ln)
    export("layernorm_opset17", ln, torch.randn(2, 3, 6), 17, batch)
    export("layernorm_opset14", ln, torch.randn(2, 3, 6), 14, batch)

    torch.manual_seed(5)
    export("multihead_attention", Attention(), torch.randn(2, 5, 8), 14,
           {"input": {0: "batch", 1: "time"}, "output": {0: "batch", 1: "time"}})

    torch.manual_seed(6)
    export("embedding", EmbeddingMean(), torch.tensor([[1, 3, 9], [0, 3, 7]]), 13, batch)

    torch.manual_seed(7)
    export("gelu", GeluMlp(), torch.randn(3, 4), 13, batch)


if __name__ == "__main__":
    main()
