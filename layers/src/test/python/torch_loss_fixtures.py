"""Reference values of the Javagrad losses computed with PyTorch (float64).

Regenerate from the repository root with Debian's python3-torch:
    /usr/bin/python3 layers/src/test/python/torch_loss_fixtures.py \
        > layers/src/test/resources/io/javagrad/layers/losses/torch_losses.txt

Each case gives the loss config (read by Losses.fromConfig), the inputs, the reduced loss and its gradient
with respect to y_pred. Keras's probability clipping (epsilon 1e-7, and the normalisation of categorical
probabilities) is written out here; everything else is PyTorch's own loss function.
"""
import torch
import torch.nn.functional as F

torch.manual_seed(0)
EPS = 1e-7
B, C = 4, 3


def reduce(per_sample, weight, reduction):
    if weight is not None:
        per_sample = per_sample * weight
    total = per_sample.sum()
    return total / per_sample.shape[0] if reduction == "sum_over_batch_size" else total


def keras_probs(p):
    p = p / p.sum(-1, keepdim=True)
    return p.clamp(EPS, 1 - EPS)


def per_sample(cfg, y_true, y_pred):
    name = cfg["name"]
    if name == "mean_squared_error":
        return F.mse_loss(y_pred, y_true, reduction="none").mean(-1)
    if name == "mean_absolute_error":
        return F.l1_loss(y_pred, y_true, reduction="none").mean(-1)
    if name == "huber_loss":
        return F.huber_loss(y_pred, y_true, reduction="none", delta=cfg["delta"]).mean(-1)
    if name == "binary_crossentropy":
        ls = cfg.get("label_smoothing", 0.0)
        y = y_true * (1 - ls) + ls / 2
        if cfg["from_logits"]:
            return F.binary_cross_entropy_with_logits(y_pred, y, reduction="none").mean(-1)
        return F.binary_cross_entropy(y_pred.clamp(EPS, 1 - EPS), y, reduction="none").mean(-1)
    if name == "categorical_crossentropy":
        ls = cfg.get("label_smoothing", 0.0)
        if cfg["from_logits"]:
            return F.cross_entropy(y_pred, y_true, reduction="none", label_smoothing=ls)
        y = y_true * (1 - ls) + ls / y_true.shape[-1]
        return -(y * keras_probs(y_pred).log()).sum(-1)
    if name == "sparse_categorical_crossentropy":
        idx = y_true.long().reshape(-1)
        if cfg["from_logits"]:
            return F.cross_entropy(y_pred, idx, reduction="none")
        return F.nll_loss(keras_probs(y_pred).log(), idx, reduction="none")
    raise ValueError(name)


def fmt(t):
    return " ".join(repr(float(v)) for v in t.reshape(-1).tolist())


def emit(case_id, cfg, y_true, y_pred, weight=None, reduction="sum_over_batch_size"):
    cfg = dict(cfg, reduction=reduction)
    y_pred = y_pred.clone().requires_grad_(True)
    loss = reduce(per_sample(cfg, y_true, y_pred), weight, reduction)
    loss.backward()
    spec = " ".join(f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in cfg.items())
    print(f"case {case_id} {spec}")
    print(f"y_true {' '.join(map(str, y_true.shape))} : {fmt(y_true)}")
    print(f"y_pred {' '.join(map(str, y_pred.shape))} : {fmt(y_pred.detach())}")
    if weight is not None:
        print(f"weight {' '.join(map(str, weight.shape))} : {fmt(weight)}")
    print(f"loss : {repr(loss.item())}")
    print(f"grad {' '.join(map(str, y_pred.shape))} : {fmt(y_pred.grad)}")
    print("end")


def randn(*shape):
    return torch.randn(*shape, dtype=torch.float64)


def rand(*shape):
    return torch.rand(*shape, dtype=torch.float64)


w = rand(B) + 0.5
targets = randn(B, C)
onehot = F.one_hot(torch.randint(0, C, (B,)), C).double()
labels = onehot.argmax(-1).double()
bits = (rand(B, C) > 0.5).double()

emit("mse", {"name": "mean_squared_error"}, targets, randn(B, C))
emit("mse_weighted_sum", {"name": "mean_squared_error"}, targets, randn(B, C), w, "sum")
emit("mae_weighted", {"name": "mean_absolute_error"}, targets, randn(B, C), w)
emit("huber", {"name": "huber_loss", "delta": 1.0}, targets, targets + 2 * randn(B, C))
emit("huber_delta_half_weighted", {"name": "huber_loss", "delta": 0.5}, targets, targets + randn(B, C), w)
emit("bce_probs", {"name": "binary_crossentropy", "from_logits": False}, bits, rand(B, C))
emit("bce_probs_saturated", {"name": "binary_crossentropy", "from_logits": False}, bits,
     torch.tensor([[0.0, 1.0, 0.5], [1.0, 0.0, 1e-9], [0.3, 1 - 1e-9, 0.7], [0.2, 0.8, 0.0]], dtype=torch.float64))
emit("bce_logits_weighted", {"name": "binary_crossentropy", "from_logits": True}, bits, 3 * randn(B, C), w)
emit("bce_logits_smoothed", {"name": "binary_crossentropy", "from_logits": True, "label_smoothing": 0.2}, bits,
     randn(B, C))
emit("bce_logits_extreme", {"name": "binary_crossentropy", "from_logits": True}, bits,
     torch.tensor([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 50.0], [1000.0, 1000.0, -1000.0], [-60.0, 0.5, 1000.0]],
                  dtype=torch.float64))
emit("cce_probs", {"name": "categorical_crossentropy", "from_logits": False}, onehot, rand(B, C) + 0.1)
emit("cce_probs_smoothed_sum", {"name": "categorical_crossentropy", "from_logits": False, "label_smoothing": 0.1},
     onehot, torch.softmax(randn(B, C), -1), None, "sum")
emit("cce_logits_weighted", {"name": "categorical_crossentropy", "from_logits": True}, onehot, 3 * randn(B, C), w)
emit("cce_logits_smoothed", {"name": "categorical_crossentropy", "from_logits": True, "label_smoothing": 0.1}, onehot,
     randn(B, C))
emit("cce_logits_extreme", {"name": "categorical_crossentropy", "from_logits": True}, onehot,
     torch.tensor([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 999.0], [1000.0, 1000.0, -1000.0], [-1000.0, -1000.0, -1000.0]],
                  dtype=torch.float64))
emit("sparse_probs", {"name": "sparse_categorical_crossentropy", "from_logits": False}, labels, rand(B, C) + 0.1)
emit("sparse_logits_weighted", {"name": "sparse_categorical_crossentropy", "from_logits": True}, labels.reshape(B, 1),
     2 * randn(B, C), w)
