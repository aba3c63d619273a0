#!/usr/bin/python3
"""Runs onnx.checker.check_model (full check, with shape inference) on every .onnx file in a folder.

The files come from the ONNX export tests, which write them when asked:

    mvn -o -q test -pl io -am -Dtest='OnnxExport*' -Dsurefire.failIfNoSpecifiedTests=false \
        -Djavagrad.onnx.exportDir=/tmp/javagrad-onnx
    /usr/bin/python3 io/src/test/python/check_onnx_exports.py /tmp/javagrad-onnx

Needs Debian's python3-onnx (1.12, which checks opset <= 17); use /usr/bin/python3, which sees Debian packages.
Also checks what the checker does not: opset 17 / IR 8, a symbolic "batch" first dimension on every graph input
and output, FLOAT initializers in raw_data, and the metadata keys. Exits with status 1 if any file fails.
"""
import pathlib
import sys

import onnx
from onnx import TensorProto

REQUIRED_METADATA = {"javagrad.version", "java.version", "javagrad.created", "javagrad.seed"}


def problems(path):
    model = onnx.load(str(path))
    onnx.checker.check_model(model, full_check=True)
    found = []
    opsets = {o.domain: o.version for o in model.opset_import}
    if model.ir_version != 8 or opsets.get("", opsets.get("ai.onnx")) != 17:
        found.append("ir_version %d, opsets %s" % (model.ir_version, opsets))
    for value in list(model.graph.input) + list(model.graph.output):
        dims = value.type.tensor_type.shape.dim
        if not dims or dims[0].dim_param != "batch":
            found.append("%s has no symbolic batch dimension" % value.name)
    for t in model.graph.initializer:
        if t.data_type == TensorProto.FLOAT and not t.raw_data:
            found.append("initializer %s is not in raw_data" % t.name)
        if t.data_type == TensorProto.DOUBLE:
            found.append("initializer %s is DOUBLE" % t.name)
    missing = REQUIRED_METADATA - {p.key for p in model.metadata_props}
    if missing:
        found.append("missing metadata %s" % sorted(missing))
    return found


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check_onnx_exports.py FOLDER")
    files = sorted(pathlib.Path(sys.argv[1]).glob("*.onnx"))
    if not files:
        sys.exit("no .onnx files in " + sys.argv[1])
    failed = 0
    for path in files:
        try:
            found = problems(path)
        except Exception as e:  # the checker raises ValidationError and friends
            found = ["%s: %s" % (type(e).__name__, e)]
        print(("FAIL " if found else "ok   ") + path.name + "".join("\n     " + p for p in found))
        failed += bool(found)
    print("%d of %d files pass (onnx %s)" % (len(files) - failed, len(files), onnx.__version__))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
