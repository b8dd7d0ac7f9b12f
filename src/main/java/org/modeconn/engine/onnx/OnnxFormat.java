package org.modeconn.engine.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import onnx.Onnx;
import org.nd4j.shade.protobuf.ByteString;

/**
 * The parts of the ONNX format the engine writes and reads: the opset and IR version of what it writes, the
 * names of its input and output, the metadata keys it uses, and builders of ONNX's messages.
 */
public final class OnnxFormat {

    /** The operator set written. */
    public static final int OPSET = 17;
    /** The IR version written (the first that allows opset 17). */
    public static final long IR_VERSION = 8;
    /** The graph's input: raw features, N×F or N×C×H×W. */
    public static final String INPUT = "input";
    /** The graph's output: class probabilities, N×classes. */
    public static final String OUTPUT = "probabilities";
    /** The metadata key of the class names (a JSON array in output order). */
    public static final String CLASSES_KEY = "modeconn.classes";

    private OnnxFormat() {
    }

    /** A node; attributes are written in name order, so that the same network gives the same bytes. */
    static Onnx.NodeProto node(String name, String opType, List<String> inputs, String output,
            Map<String, Object> attributes) {
        Onnx.NodeProto.Builder n = Onnx.NodeProto.newBuilder().setName(name).setOpType(opType).addOutput(output);
        inputs.forEach(n::addInput);
        new TreeMap<>(attributes).forEach((key, value) -> n.addAttribute(attribute(key, value)));
        return n.build();
    }

    private static Onnx.AttributeProto attribute(String name, Object value) {
        Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name);
        if (value instanceof Long l) {
            a.setType(Onnx.AttributeProto.AttributeType.INT).setI(l);
        } else if (value instanceof Float f) {
            a.setType(Onnx.AttributeProto.AttributeType.FLOAT).setF(f);
        } else if (value instanceof long[] ints) {
            a.setType(Onnx.AttributeProto.AttributeType.INTS);
            for (long v : ints) {
                a.addInts(v);
            }
        } else {
            throw new IllegalArgumentException("no attribute type for " + value.getClass());
        }
        return a.build();
    }

    /** A float tensor of {@code dims} holding {@code length} values of {@code flat} from {@code offset}. */
    static Onnx.TensorProto tensor(String name, long[] dims, float[] flat, long offset, long length) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count != length) {
            throw new IllegalStateException(name + ": " + length + " values for dims " + java.util.Arrays.toString(dims));
        }
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(length * Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(flat, Math.toIntExact(offset), Math.toIntExact(length));
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name)
            .setDataType(Onnx.TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    /** An int64 tensor of one dimension holding {@code values} (a Pad's pads, a Reshape's shape). */
    static Onnx.TensorProto longs(String name, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return Onnx.TensorProto.newBuilder().setName(name).setDataType(Onnx.TensorProto.DataType.INT64_VALUE)
            .addDims(values.length).setRawData(ByteString.copyFrom(bytes.array())).build();
    }

    /** A float tensor's declaration; a negative dimension is the symbolic batch size "N". */
    static Onnx.ValueInfoProto valueInfo(String name, long[] dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                : Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        Onnx.TypeProto type = Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder()
            .setElemType(Onnx.TensorProto.DataType.FLOAT_VALUE).setShape(shape)).build();
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
