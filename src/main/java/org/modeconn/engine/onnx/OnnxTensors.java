package org.modeconn.engine.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import onnx.Onnx;
import org.modeconn.engine.InvalidInputException;

/** The values of ONNX tensors (initialisers and constants) as Java arrays, read once at import. */
final class OnnxTensors {

    private OnnxTensors() {
    }

    /**
     * A constant tensor's dimensions and values.
     *
     * @param name its name in the graph
     * @param dims its dimensions
     * @param floats its values as floats (integers converted), row-major
     * @param longs its values as integers, for int64 tensors (shapes, pads); null otherwise
     */
    record Constant(String name, long[] dims, float[] floats, long[] longs) {

        /** The number of values. */
        int size() {
            return floats.length;
        }

        /** Its values as integers (an int64 tensor's own, else the floats rounded). */
        long[] asLongs() {
            if (longs != null) {
                return longs;
            }
            long[] out = new long[floats.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.round(floats[i]);
            }
            return out;
        }
    }

    /** Reads {@code t}; {@code file} names the model in messages. */
    static Constant read(Onnx.TensorProto t, String file) {
        if (t.getDataLocation() == Onnx.TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new InvalidInputException("The ONNX model '" + file + "' keeps the tensor '" + t.getName()
                + "' in an external file, which is not read.", "Export the model with its weights inside the "
                    + "file (PyTorch does so below 2 GB).");
        }
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int count = Math.toIntExact(Arrays.stream(dims).reduce(1, (a, b) -> a * b));
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        boolean hasRaw = !t.getRawData().isEmpty();
        float[] floats = new float[count];
        long[] longs = null;
        switch (t.getDataType()) {
            case Onnx.TensorProto.DataType.FLOAT_VALUE -> {
                if (hasRaw) {
                    raw.asFloatBuffer().get(floats);
                } else {
                    requireCount(t, t.getFloatDataCount(), count, file);
                    for (int i = 0; i < count; i++) {
                        floats[i] = t.getFloatData(i);
                    }
                }
            }
            case Onnx.TensorProto.DataType.DOUBLE_VALUE -> {
                for (int i = 0; i < count; i++) {
                    floats[i] = (float) (hasRaw ? raw.getDouble(i * Double.BYTES) : t.getDoubleData(i));
                }
            }
            case Onnx.TensorProto.DataType.INT64_VALUE -> {
                longs = new long[count];
                if (hasRaw) {
                    raw.asLongBuffer().get(longs);
                } else {
                    requireCount(t, t.getInt64DataCount(), count, file);
                    for (int i = 0; i < count; i++) {
                        longs[i] = t.getInt64Data(i);
                    }
                }
                for (int i = 0; i < count; i++) {
                    floats[i] = longs[i];
                }
            }
            case Onnx.TensorProto.DataType.BOOL_VALUE, Onnx.TensorProto.DataType.INT8_VALUE,
                Onnx.TensorProto.DataType.UINT8_VALUE -> {
                longs = new long[count];
                for (int i = 0; i < count; i++) {
                    long stored = hasRaw ? raw.get(i) : t.getInt32Data(i);
                    longs[i] = t.getDataType() == Onnx.TensorProto.DataType.INT8_VALUE ? (byte) stored : stored & 0xFF;
                    floats[i] = longs[i];
                }
            }
            case Onnx.TensorProto.DataType.INT32_VALUE -> {
                longs = new long[count];
                for (int i = 0; i < count; i++) {
                    longs[i] = hasRaw ? raw.getInt(i * Integer.BYTES) : t.getInt32Data(i);
                    floats[i] = longs[i];
                }
            }
            default -> throw new InvalidInputException("The ONNX model '" + file + "' holds the tensor '" + t.getName()
                + "' of element type " + Onnx.TensorProto.DataType.forNumber(t.getDataType()) + ", which is not read.",
                "Export the model in single precision (float32).");
        }
        return new Constant(t.getName(), dims, floats, longs);
    }

    private static void requireCount(Onnx.TensorProto t, int have, int want, String file) {
        if (have != want) {
            throw new InvalidInputException("The ONNX model '" + file + "' is damaged: the tensor '" + t.getName()
                + "' holds " + have + " values for dimensions " + t.getDimsList() + ".",
                "Export the model again.");
        }
    }
}
