#!/usr/bin/env bash
# Runs Javagrad's bench workloads and their NumPy (OpenBLAS) and PyTorch references one after the other on
# this machine, and prints every result line. From the repository root, after `mvn -B -q package -DskipTests`:
#
#     benchmarks/compare.sh
#
# Each train line is the median of 3 timed runs in one process (after the JIT's warm-up, on the Java side), and each
# train workload runs in REPEAT processes (default 3) on both sides, as one run of the mlp lasts half a second and a
# shared machine moves single runs by tens of percent: read the median of each group. A workload's one- and two-thread
# processes alternate, so that a slow stretch of the machine weighs on both sides of the two-thread speed-up. A
# two-thread Javagrad train line ends with core_round_trip_ns, the time a cache line took to go between the two cores
# and back, measured after each timed run: on the README's virtual machine, 230-490 ns (the host had placed its two
# vCPUs far apart) came with an mlp about 25% slower at two threads than 70-150 ns did.
#
# PYTHON (default /usr/bin/python3, which sees Debian's python3-torch and python3-numpy) runs
# benchmarks/python/reference_bench.py; that part is skipped with a message when torch cannot be imported. When the CPU
# has AVX-512 but OpenBLAS picked kernels without it (it does not know the CPU), the references run a second time with
# its AVX-512 kernels forced, under their own header.
set -euo pipefail

cd "$(dirname "$0")/.."
JAR=benchmarks/target/javagrad-benchmarks.jar
PYTHON=${PYTHON:-/usr/bin/python3}
REPEAT=${REPEAT:-3}
REFERENCE=benchmarks/python/reference_bench.py

if [[ ! -f $JAR ]]; then
    echo "compare.sh: $JAR is missing; build it first with: mvn -B -q package -DskipTests" >&2
    exit 1
fi

# Each line: the arguments of one gemm run, shared by Javagrad and the references.
GEMMS=(
    "--size 256 --threads 1 --dtype float32"
    "--size 512 --threads 1 --dtype float32"
    "--size 1024 --threads 1 --dtype float32"
    "--size 512 --threads 2 --dtype float32"
    "--size 256 --threads 1 --dtype float64"
    "--size 512 --threads 1 --dtype float64"
    "--size 1024 --threads 1 --dtype float64"
    "--size 512 --threads 2 --dtype float64"
    "--m 64 --n 256 --k 784 --threads 1 --dtype float32"
    "--m 64 --n 256 --k 784 --transA --threads 1 --dtype float32"
    "--m 64 --n 256 --k 784 --transB --threads 1 --dtype float32"
)
# Each line: the arguments of one train process, shared by both sides; REPEAT rounds of each model's thread counts.
TRAINS=()
for model in tiny mlp cnn; do
    for ((r = 0; r < REPEAT; r++)); do
        for threads in 1 2; do
            TRAINS+=("--model $model --threads $threads")
        done
    done
done

javagrad() {
    java --add-modules jdk.incubator.vector -jar "$JAR" "$@" 2>&1 | grep -v 'jdk.incubator.vector'
}

echo "== Javagrad"
for args in "${GEMMS[@]}"; do
    javagrad gemm $args
done
for args in "${TRAINS[@]}"; do
    javagrad train $args
done

if ! "$PYTHON" -c "import torch, numpy" 2>/dev/null; then
    echo "compare.sh: skipping the references: $PYTHON cannot import torch and numpy" \
        "(on Debian: apt-get install python3-torch python3-numpy, and libopenblas0 for OpenBLAS)"
    exit 0
fi

# The OpenBLAS core type (kernel set) behind numpy, as threadpoolctl reports it; empty if unknown.
blas_core() {
    "$PYTHON" -c "import numpy, threadpoolctl
print(next((i.get('architecture') or '' for i in threadpoolctl.threadpool_info() if i['user_api'] == 'blas'), ''))" \
        2>/dev/null || true
}

references() {
    "$PYTHON" -c "import numpy, torch; print('torch', torch.__version__, 'numpy', numpy.__version__)"
    "$PYTHON" -c "import numpy, threadpoolctl
print(*('blas %s %s %s %s' % (i['internal_api'], i.get('version'), i.get('architecture'), i['filepath'])
        for i in threadpoolctl.threadpool_info() if i['user_api'] == 'blas'), sep='\n')" 2>/dev/null || true
    for args in "${GEMMS[@]}"; do
        "$PYTHON" "$REFERENCE" gemm $args
    done
    for args in "${TRAINS[@]}"; do
        "$PYTHON" "$REFERENCE" train $args
    done
}

echo "== PyTorch and NumPy (OpenBLAS)"
references

# An OpenBLAS older than the CPU takes it for an older one: 0.3.21 (Debian 12) runs its AVX2 (Haswell) kernels on
# AMD Zen 5, which has AVX-512, at about half the speed. The references are then run a second time with OpenBLAS's
# AVX-512 kernels forced, the fair comparison for Javagrad's AVX-512 kernels.
if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
    core=$(blas_core)
    if [[ -z $core ]]; then
        echo "compare.sh: cannot tell which kernels OpenBLAS chose on this AVX-512 CPU" \
            "(on Debian: apt-get install python3-threadpoolctl); no second round on its AVX-512 kernels"
    elif ! [[ $core =~ ^(SkylakeX|Cooperlake|SapphireRapids)$ ]]; then
        echo "== PyTorch and NumPy (OpenBLAS) with AVX-512 kernels: OPENBLAS_CORETYPE=SkylakeX (OpenBLAS chose $core)"
        OPENBLAS_CORETYPE=SkylakeX references
    fi
fi
