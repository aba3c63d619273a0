"""Reference timings of Javagrad's `bench` workloads in NumPy (OpenBLAS) and PyTorch on the CPU.

Run from the repository root with Debian's packages (python3-torch, python3-numpy; the BLAS behind
numpy and torch is the system libblas.so.3, OpenBLAS once libopenblas0-pthread is installed):

    /usr/bin/python3 benchmarks/python/reference_bench.py gemm --size 512 --threads 1 --dtype float32
    /usr/bin/python3 benchmarks/python/reference_bench.py gemm --m 64 --n 256 --k 784 --transA --threads 1
    /usr/bin/python3 benchmarks/python/reference_bench.py train --model mlp --threads 1

OpenBLAS chooses its kernels by the CPU it recognises; OPENBLAS_CORETYPE=SkylakeX in the environment forces its
AVX-512 ones, which compare.sh does for a second round of references where OpenBLAS chose kernels without AVX-512
(OpenBLAS 0.3.21 runs its AVX2 kernels on AMD Zen 5).

benchmarks/compare.sh runs these next to the Javagrad commands. Each call measures one configuration,
as `java -jar benchmarks/target/javagrad-benchmarks.jar` does, and prints one line:

    gemm-openblas size=N threads=T dtype=D [transA=true] [transB=true] gflops=X   (numpy.matmul)
    gemm-torch    size=N threads=T dtype=D [transA=true] [transB=true] gflops=X   (torch.mm)
    train-torch model=M threads=T samples_per_sec=X test_accuracy=Y seconds=Z

gemm mirrors GemmCommand: C = op(A) op(B) into a preallocated C, 2 s of warm-up, then the median of 7
timed runs of about 0.3 s each. train mirrors TrainCommand: the same networks, Glorot-uniform kernels and
zero biases, Adam 1e-3, batch sizes, epochs and data (tiny: 4,096 points in [0,1)^2 labelled by
XOR(x0 > 0.5, x1 > 0.5), tested on the first 512; mlp and cnn: the 8,000/2,000 embedded MNIST images),
shuffled every epoch, one untimed warm-up run on a fresh model first, then 3 timed runs (--runs) on fresh models
reported by the median one, and only the training loop timed.
Softmax plus sparse cross-entropy is torch's fused CrossEntropyLoss on the logits (the same function).
Threads: OPENBLAS_NUM_THREADS and OMP_NUM_THREADS are set before numpy and torch are imported, then
torch.set_num_threads(T).
"""

import argparse
import gzip
import os
import struct
import sys
import time
from pathlib import Path

GEMM_RUNS = 7
GEMM_WARMUP_SECONDS = 2.0
GEMM_RUN_SECONDS = 0.3
SEED = 7
MNIST_DIR = Path(__file__).resolve().parents[2] / "examples/src/main/resources/io/javagrad/examples/mnist"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    gemm = commands.add_parser("gemm", help="numpy.matmul and torch.mm GFLOP/s")
    gemm.add_argument("--size", type=int, default=512)
    gemm.add_argument("--m", type=int)
    gemm.add_argument("--n", type=int)
    gemm.add_argument("--k", type=int)
    gemm.add_argument("--transA", action="store_true")
    gemm.add_argument("--transB", action="store_true")
    gemm.add_argument("--threads", type=int, default=1)
    gemm.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    gemm.add_argument("--library", choices=["openblas", "torch", "both"], default="both")
    train = commands.add_parser("train", help="torch training throughput")
    train.add_argument("--model", choices=["tiny", "mlp", "cnn"], default="mlp")
    train.add_argument("--threads", type=int, default=1)
    train.add_argument("--warmup", type=int, default=1)
    train.add_argument("--runs", type=int, default=3, help="timed runs; the line reports the median one")
    train.add_argument("--epochs", type=int, help="default: the workload's (tiny 20, mlp 3, cnn 2)")
    args = parser.parse_args(argv)
    if args.threads <= 0:
        parser.error("--threads must be > 0")
    return args


def limit_threads(threads):
    """Must run before numpy or torch is imported: OpenBLAS and OpenMP read these once, at load."""
    os.environ["OPENBLAS_NUM_THREADS"] = str(threads)
    os.environ["OMP_NUM_THREADS"] = str(threads)


def median_gflops(op, flops):
    start = time.perf_counter()
    reps = 0
    while time.perf_counter() - start < GEMM_WARMUP_SECONDS:
        op()
        reps += 1
    per_run = max(1, int(reps * GEMM_RUN_SECONDS / (time.perf_counter() - start)))
    rates = []
    for _ in range(GEMM_RUNS):
        t0 = time.perf_counter()
        for _ in range(per_run):
            op()
        rates.append(flops * per_run / (time.perf_counter() - t0) / 1e9)
    rates.sort()
    return rates[GEMM_RUNS // 2]


def gemm(args):
    import numpy as np
    import torch

    torch.set_num_threads(args.threads)
    m, n, k = (args.m or args.size), (args.n or args.size), (args.k or args.size)
    rng = np.random.default_rng(1)
    # A is stored k x m when transposed (lda = m), B n x k (ldb = k), as in GemmCommand.
    a = (rng.random((k, m) if args.transA else (m, k)) - 0.5).astype(args.dtype)
    b = (rng.random((n, k) if args.transB else (k, n)) - 0.5).astype(args.dtype)
    c = np.zeros((m, n), dtype=args.dtype)
    op_a = a.T if args.transA else a
    op_b = b.T if args.transB else b
    shape = str(m) if m == n == k else f"{m}x{n}x{k}"
    trans = (" transA=true" if args.transA else "") + (" transB=true" if args.transB else "")
    label = f"size={shape} threads={args.threads} dtype={args.dtype}{trans}"
    flops = 2.0 * m * n * k
    if args.library in ("openblas", "both"):
        rate = median_gflops(lambda: np.matmul(op_a, op_b, out=c), flops)
        print(f"gemm-openblas {label} gflops={rate:.1f}", flush=True)
    if args.library in ("torch", "both"):
        ta, tb, tc = torch.from_numpy(op_a), torch.from_numpy(op_b), torch.from_numpy(c)
        rate = median_gflops(lambda: torch.mm(ta, tb, out=tc), flops)
        print(f"gemm-torch {label} gflops={rate:.1f}", flush=True)


def read_idx(path, scale):
    import numpy as np

    with gzip.open(path, "rb") as f:
        data = f.read()
    _, dtype_code, dims = struct.unpack(">HBB", data[:4])
    if dtype_code != 0x08:
        raise ValueError(f"{path}: expected unsigned-byte IDX data, got type 0x{dtype_code:02x}")
    shape = struct.unpack(f">{dims}I", data[4:4 + 4 * dims])
    values = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)
    return values.astype(np.float32) / 255 if scale else values.astype(np.int64)


def mnist(layout):
    import torch

    sets = []
    for prefix in ("train", "t10k"):
        x = read_idx(MNIST_DIR / f"{prefix}-images-idx3-ubyte.gz", True)
        y = read_idx(MNIST_DIR / f"{prefix}-labels-idx1-ubyte.gz", False)
        x = x.reshape(len(x), 784) if layout == "flat" else x.reshape(len(x), 1, 28, 28)
        sets.append((torch.from_numpy(x), torch.from_numpy(y)))
    return sets


def tiny_data():
    import torch

    g = torch.Generator().manual_seed(SEED)
    x = torch.rand(4096, 2, generator=g)
    y = ((x[:, 0] > 0.5) != (x[:, 1] > 0.5)).long()
    return (x, y), (x[:512], y[:512])


def glorot(model):
    import torch

    for module in model.modules():
        if isinstance(module, (torch.nn.Linear, torch.nn.Conv2d)):
            torch.nn.init.xavier_uniform_(module.weight)
            torch.nn.init.zeros_(module.bias)
    return model


def network(name):
    from torch import nn

    if name == "tiny":
        return glorot(nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 2)))
    if name == "mlp":
        return glorot(nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10)))
    return glorot(nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Dropout(0.5), nn.Linear(64 * 5 * 5, 10)))


WORKLOADS = {"tiny": (4, 20), "mlp": (64, 3), "cnn": (128, 2)}  # batch size, epochs


def fit(model, x, y, batch_size, epochs, generator):
    """The timed part: per-epoch shuffle, then Adam steps over batches (the last one may be smaller)."""
    import torch

    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    model.train()
    start = time.perf_counter()
    for _ in range(epochs):
        order = torch.randperm(len(x), generator=generator)
        for i in range(0, len(x), batch_size):
            idx = order[i:i + batch_size]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
    return time.perf_counter() - start


def accuracy(model, x, y):
    import torch

    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x), 512):
            correct += (model(x[i:i + 512]).argmax(1) == y[i:i + 512]).sum().item()
    return correct / len(x)


def train(args):
    import torch

    torch.set_num_threads(args.threads)
    (x, y), (tx, ty) = tiny_data() if args.model == "tiny" else mnist("flat" if args.model == "mlp" else "images")
    batch_size, epochs = WORKLOADS[args.model]
    epochs = args.epochs or epochs
    timed = []
    for run in range(args.warmup + args.runs):
        torch.manual_seed(SEED + run)
        model = network(args.model)
        seconds = fit(model, x, y, batch_size, epochs, torch.Generator().manual_seed(SEED + run))
        if run >= args.warmup:
            timed.append((seconds, model))
    seconds, model = sorted(timed, key=lambda t: t[0])[len(timed) // 2]
    acc = accuracy(model, tx, ty)
    print(f"train-torch model={args.model} threads={args.threads} samples_per_sec={len(x) * epochs / seconds:.0f}"
          f" test_accuracy={acc:.4f} seconds={seconds:.2f}", flush=True)


def main(argv):
    args = parse_args(argv)
    limit_threads(args.threads)
    if args.command == "gemm":
        gemm(args)
    else:
        train(args)


if __name__ == "__main__":
    main(sys.argv[1:])
