package org.modeconn.engine.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import onnx.Onnx;
import org.modeconn.engine.onnx.OnnxTensors.Constant;

/**
 * Computes, at import, the nodes whose inputs are all constants: exporters write the arguments of a layer (the
 * pads of {@code torch.nn.ZeroPad2d}, a reshape's shape) as small chains of shape operations on constants,
 * which come out as one constant here. Only the operations such chains use are computed, on row-major tensors
 * of any rank.
 */
final class ConstantFolding {

    /** The operators computed when every input is a constant. */
    static final Set<String> FOLDED = Set.of("ConstantOfShape", "Concat", "Reshape", "Slice", "Transpose", "Cast",
        "Unsqueeze", "Squeeze", "Gather", "Add", "Sub", "Mul", "Div", "Neg", "Identity");

    private ConstantFolding() {
    }

    /** The value of {@code n} from its constant inputs ({@code in}, null for an omitted optional input). */
    static Constant fold(Onnx.NodeProto n, List<Constant> in, int opset) {
        String name = n.getOutput(0);
        return switch (n.getOpType()) {
            case "Identity", "Cast" -> cast(name, in.get(0), n);
            case "ConstantOfShape" -> constantOfShape(name, in.get(0), n);
            case "Concat" -> concat(name, in, attr(n, "axis", 0));
            case "Reshape" -> attr(n, "allowzero", 0) != 0 ? null : reshape(name, in.get(0), in.get(1).asLongs());
            case "Transpose" -> transpose(name, in.get(0), perm(n, in.get(0).dims().length));
            case "Slice" -> slice(name, in.size() > 1 ? in : sliceAttributes(n, in.get(0)));
            case "Unsqueeze" -> unsqueeze(name, in.get(0), opset >= 13 ? in.get(1).asLongs() : ints(n, "axes"));
            case "Squeeze" -> squeeze(name, in.get(0), opset >= 13 ? (in.size() > 1 && in.get(1) != null
                ? in.get(1).asLongs() : null) : ints(n, "axes"));
            case "Neg" -> map(name, in.get(0), v -> -v);
            case "Gather" -> gather(name, in.get(0), in.get(1), attr(n, "axis", 0));
            default -> arithmetic(name, n.getOpType(), in.get(0), in.get(1));
        };
    }

    private static long attr(Onnx.NodeProto n, String key, long dflt) {
        for (Onnx.AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(key)) {
                return a.getI();
            }
        }
        return dflt;
    }

    private static long[] ints(Onnx.NodeProto n, String key) {
        for (Onnx.AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(key)) {
                return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
            }
        }
        return null;
    }

    private static Constant of(String name, long[] dims, double[] values, boolean integers) {
        float[] f = new float[values.length];
        long[] l = integers ? new long[values.length] : null;
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
            if (integers) {
                l[i] = Math.round(values[i]);
            }
        }
        return new Constant(name, dims, f, l);
    }

    private static double[] values(Constant c) {
        double[] v = new double[c.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = c.longs() != null ? c.longs()[i] : c.floats()[i];
        }
        return v;
    }

    private static boolean integers(Constant c) {
        return c.longs() != null;
    }

    private static Constant cast(String name, Constant c, Onnx.NodeProto n) {
        if (n.getOpType().equals("Identity")) {
            return of(name, c.dims(), values(c), integers(c));
        }
        long to = attr(n, "to", -1);
        double[] v = values(c);
        if (to == Onnx.TensorProto.DataType.BOOL_VALUE) {
            return of(name, c.dims(), Arrays.stream(v).map(x -> x != 0 ? 1 : 0).toArray(), true);
        }
        boolean floating = to == Onnx.TensorProto.DataType.FLOAT_VALUE || to == Onnx.TensorProto.DataType.DOUBLE_VALUE
            || to == Onnx.TensorProto.DataType.FLOAT16_VALUE || to == Onnx.TensorProto.DataType.BFLOAT16_VALUE;
        // to an integer type: towards zero, as C's conversion
        return of(name, c.dims(), floating ? v : Arrays.stream(v).map(x -> (double) (long) x).toArray(), !floating);
    }

    private static Constant constantOfShape(String name, Constant shape, Onnx.NodeProto n) {
        long[] dims = shape.asLongs();
        double value = 0;
        boolean ints = false;
        for (Onnx.AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals("value")) {
                Constant v = OnnxTensors.read(a.getT(), "");
                value = values(v)[0];
                ints = integers(v);
            }
        }
        double[] out = new double[Math.toIntExact(Arrays.stream(dims).reduce(1, (x, y) -> x * y))];
        Arrays.fill(out, value);
        return of(name, dims, out, ints);
    }

    private static long[] strides(long[] dims) {
        long[] s = new long[dims.length];
        long acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    private static Constant concat(String name, List<Constant> in, long axisAttr) {
        int rank = in.get(0).dims().length;
        int axis = (int) (axisAttr < 0 ? axisAttr + rank : axisAttr);
        long[] dims = in.get(0).dims().clone();
        dims[axis] = in.stream().mapToLong(c -> c.dims()[axis]).sum();
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= dims[i];
        }
        double[] out = new double[Math.toIntExact(Arrays.stream(dims).reduce(1, (x, y) -> x * y))];
        int pos = 0;
        for (long o = 0; o < outer; o++) {
            for (Constant c : in) {
                int chunk = Math.toIntExact(c.size() / outer);
                double[] v = values(c);
                System.arraycopy(v, Math.toIntExact(o * chunk), out, pos, chunk);
                pos += chunk;
            }
        }
        return of(name, dims, out, in.stream().allMatch(ConstantFolding::integers));
    }

    private static Constant reshape(String name, Constant c, long[] shape) {
        long[] dims = shape.clone();
        long known = 1;
        int infer = -1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 0) {
                dims[i] = c.dims()[i];
            }
            if (dims[i] == -1) {
                infer = i;
            } else {
                known *= dims[i];
            }
        }
        if (infer >= 0) {
            dims[infer] = c.size() / known;
        }
        return of(name, dims, values(c), integers(c));
    }

    private static long[] perm(Onnx.NodeProto n, int rank) {
        long[] p = ints(n, "perm");
        if (p == null) {
            p = new long[rank];
            for (int i = 0; i < rank; i++) {
                p[i] = rank - 1 - i;
            }
        }
        return p;
    }

    private static Constant transpose(String name, Constant c, long[] perm) {
        long[] in = c.dims();
        long[] dims = new long[in.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = in[(int) perm[i]];
        }
        long[] inStrides = strides(in);
        double[] v = values(c);
        double[] out = new double[v.length];
        long[] idx = new long[dims.length];
        for (int k = 0; k < out.length; k++) {
            long src = 0;
            for (int i = 0; i < dims.length; i++) {
                src += idx[i] * inStrides[(int) perm[i]];
            }
            out[k] = v[Math.toIntExact(src)];
            increment(idx, dims);
        }
        return of(name, dims, out, integers(c));
    }

    private static void increment(long[] idx, long[] dims) {
        for (int i = dims.length - 1; i >= 0; i--) {
            if (++idx[i] < dims[i]) {
                return;
            }
            idx[i] = 0;
        }
    }

    /** Opset 9's Slice: starts, ends and axes as attributes, as the inputs of later opsets. */
    private static List<Constant> sliceAttributes(Onnx.NodeProto n, Constant data) {
        long[] starts = ints(n, "starts");
        long[] ends = ints(n, "ends");
        long[] axes = ints(n, "axes");
        java.util.ArrayList<Constant> in = new java.util.ArrayList<>(List.of(data, vector(starts), vector(ends)));
        if (axes != null) {
            in.add(vector(axes));
        }
        return in;
    }

    private static Constant vector(long[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = v[i];
        }
        return new Constant("", new long[] {v.length}, f, v);
    }

    /** ONNX's Slice (opset 10 and later: starts, ends, axes, steps as inputs), negative steps included. */
    private static Constant slice(String name, List<Constant> in) {
        Constant data = in.get(0);
        long[] dims = data.dims();
        int rank = dims.length;
        long[] starts = in.get(1).asLongs();
        long[] ends = in.get(2).asLongs();
        long[] axes = in.size() > 3 && in.get(3) != null ? in.get(3).asLongs() : null;
        long[] steps = in.size() > 4 && in.get(4) != null ? in.get(4).asLongs() : null;
        long[] first = new long[rank];
        long[] step = new long[rank];
        long[] count = dims.clone();
        Arrays.fill(step, 1);
        for (int j = 0; j < starts.length; j++) {
            int axis = (int) (axes == null ? j : axes[j] < 0 ? axes[j] + rank : axes[j]);
            long d = dims[axis];
            long s = steps == null ? 1 : steps[j];
            long b = starts[j] < 0 ? starts[j] + d : starts[j];
            long e = ends[j] < 0 ? ends[j] + d : ends[j];
            if (s > 0) {
                b = Math.max(0, Math.min(b, d));
                e = Math.max(0, Math.min(e, d));
                count[axis] = Math.max(0, (e - b + s - 1) / s);
            } else {
                // negative steps: starts clamped to [0, d − 1], ends to [−1, d − 1]
                b = Math.max(0, Math.min(b, d - 1));
                e = Math.max(-1, Math.min(e, d - 1));
                count[axis] = Math.max(0, (b - e + (-s) - 1) / (-s));
            }
            first[axis] = b;
            step[axis] = s;
        }
        long[] inStrides = strides(dims);
        double[] v = values(data);
        double[] out = new double[Math.toIntExact(Arrays.stream(count).reduce(1, (x, y) -> x * y))];
        long[] idx = new long[rank];
        for (int k = 0; k < out.length; k++) {
            long src = 0;
            for (int i = 0; i < rank; i++) {
                src += (first[i] + idx[i] * step[i]) * inStrides[i];
            }
            out[k] = v[Math.toIntExact(src)];
            increment(idx, count);
        }
        return of(name, count, out, integers(data));
    }

    /** Gather from a vector (axis 0): the values at the indices, in the indices' shape. */
    private static Constant gather(String name, Constant data, Constant indices, long axis) {
        if (data.dims().length != 1 || axis != 0) {
            return null;
        }
        double[] v = values(data);
        long[] idx = indices.asLongs();
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[(int) (idx[i] < 0 ? idx[i] + v.length : idx[i])];
        }
        return of(name, indices.dims(), out, integers(data));
    }

    private static Constant unsqueeze(String name, Constant c, long[] axes) {
        int rank = c.dims().length + axes.length;
        long[] dims = new long[rank];
        boolean[] inserted = new boolean[rank];
        for (long a : axes) {
            inserted[(int) (a < 0 ? a + rank : a)] = true;
        }
        for (int i = 0, j = 0; i < rank; i++) {
            dims[i] = inserted[i] ? 1 : c.dims()[j++];
        }
        return of(name, dims, values(c), integers(c));
    }

    private static Constant squeeze(String name, Constant c, long[] axes) {
        long[] in = c.dims();
        boolean[] drop = new boolean[in.length];
        for (int i = 0; i < in.length; i++) {
            drop[i] = axes == null && in[i] == 1;
        }
        if (axes != null) {
            for (long a : axes) {
                drop[(int) (a < 0 ? a + in.length : a)] = true;
            }
        }
        long[] dims = new long[(int) java.util.stream.IntStream.range(0, in.length).filter(i -> !drop[i]).count()];
        for (int i = 0, j = 0; i < in.length; i++) {
            if (!drop[i]) {
                dims[j++] = in[i];
            }
        }
        return of(name, dims, values(c), integers(c));
    }

    private static Constant map(String name, Constant c, java.util.function.DoubleUnaryOperator f) {
        return of(name, c.dims(), Arrays.stream(values(c)).map(f).toArray(), integers(c));
    }

    /** Add, Sub, Mul or Div of two constants of the same size, or of one and a single value. */
    private static Constant arithmetic(String name, String op, Constant a, Constant b) {
        Constant big = a.size() >= b.size() ? a : b;
        // the same shape, or one a single value of no larger rank: other broadcasts are left to the layers
        Constant small = big == a ? b : a;
        boolean same = Arrays.equals(a.dims(), b.dims());
        boolean scalar = small.size() == 1 && small.dims().length <= big.dims().length;
        if (!same && !scalar) {
            return null;
        }
        double[] x = values(a);
        double[] y = values(b);
        boolean ints = integers(a) && integers(b);
        double[] out = new double[big.size()];
        for (int i = 0; i < out.length; i++) {
            double p = x[x.length == 1 ? 0 : i];
            double q = y[y.length == 1 ? 0 : i];
            out[i] = switch (op) {
                case "Add" -> p + q;
                case "Sub" -> p - q;
                case "Mul" -> p * q;
                default -> ints ? (long) (p / q) : p / q;
            };
        }
        return of(name, big.dims(), out, ints);
    }
}
