package org.modeconn.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.onnx.OnnxTensors.Constant;

/** The shape operations computed at import, against results worked out by hand from ONNX's definitions. */
class ConstantFoldingTest {

    private static Constant longs(long[] dims, long... values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = values[i];
        }
        return new Constant("c", dims, f, values);
    }

    private static Onnx.NodeProto node(String op, Map<String, Object> attributes) {
        return OnnxFormat.node("n", op, List.of(), "out", attributes);
    }

    @Test
    void sliceWithANegativeStepReversesAndTransposeAndConcatFollowTheirDefinitions() {
        // a [4, 2] table of (begin, end) pairs reversed along axis 0, as exporters compute a Pad's pads
        Constant pads = longs(new long[] {4, 2}, 0, 0, 0, 0, 1, 0, 0, 2);
        Constant reversed = ConstantFolding.fold(node("Slice", Map.of()), List.of(pads, longs(new long[] {1}, -1),
            longs(new long[] {1}, Long.MIN_VALUE + 1), longs(new long[] {1}, 0), longs(new long[] {1}, -1)), 17);
        assertThat(reversed.dims()).containsExactly(4, 2);
        assertThat(reversed.asLongs()).containsExactly(0, 2, 1, 0, 0, 0, 0, 0);

        Constant t = ConstantFolding.fold(node("Transpose", Map.of("perm", new long[] {1, 0})), List.of(reversed), 17);
        assertThat(t.dims()).containsExactly(2, 4);
        assertThat(t.asLongs()).containsExactly(0, 1, 0, 0, 2, 0, 0, 0);

        Constant c = ConstantFolding.fold(node("Concat", Map.of("axis", 0L)), List.of(longs(new long[] {2}, 5, 6),
            longs(new long[] {1}, 7)), 17);
        assertThat(c.asLongs()).containsExactly(5, 6, 7);
        Constant r = ConstantFolding.fold(node("Reshape", Map.of()), List.of(t, longs(new long[] {1}, -1)), 17);
        assertThat(r.dims()).containsExactly(8);
    }

    @Test
    void castTruncatesTowardsZeroAndArithmeticKeepsToShapesItCanAdd() {
        Constant f = new Constant("f", new long[] {4}, new float[] {2.7f, -2.7f, 0.5f, 0.3f}, null);
        Constant ints = ConstantFolding.fold(node("Cast", Map.of("to", (long) Onnx.TensorProto.DataType.INT64_VALUE)),
            List.of(f), 17);
        assertThat(ints.asLongs()).containsExactly(2, -2, 0, 0);
        assertThat(ints.floats()).containsExactly(2f, -2f, 0f, 0f);
        Constant bools = ConstantFolding.fold(node("Cast", Map.of("to", (long) Onnx.TensorProto.DataType.BOOL_VALUE)),
            List.of(f), 17);
        assertThat(bools.asLongs()).containsExactly(1, 1, 1, 1);
        // [2, 1] + [1, 2] broadcasts to [2, 2]: not computed here, left to be refused by name
        assertThat(ConstantFolding.fold(node("Add", Map.of()), List.of(longs(new long[] {2, 1}, 1, 2),
            longs(new long[] {1, 2}, 3, 4)), 17)).isNull();
        // a negative step from a start before the axis clamps it to the first element
        Constant sliced = ConstantFolding.fold(node("Slice", Map.of()), List.of(longs(new long[] {3}, 7, 8, 9),
            longs(new long[] {1}, -10), longs(new long[] {1}, Long.MIN_VALUE + 1), longs(new long[] {1}, 0),
            longs(new long[] {1}, -1)), 17);
        assertThat(sliced.asLongs()).containsExactly(7);
    }

    @Test
    void aConstantOfNumbersFeedsAReshapeAsATensorDoes() {
        // Reshape's shape as Constant(value_ints = [0, -1]), opset 12's form, before the classifier
        Onnx.ModelProto.Builder b = OnnxWriter.network(OnnxWriterTest.randomNetwork("cnn:4/8",
            OnnxWriterTest.randomData("1x6x6", 4, 1), 1)).toBuilder();
        Onnx.GraphProto.Builder g = b.getGraphBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            Onnx.NodeProto n = g.getNode(i);
            if (n.getOpType().equals("Flatten")) {
                g.setNode(i, OnnxFormat.node(n.getName(), "Reshape", List.of(n.getInput(0), "shape"), n.getOutput(0),
                    Map.of()));
                g.addNode(i, OnnxFormat.node("shape", "Constant", List.of(), "shape",
                    Map.of("value_ints", new long[] {0, -1})));
                break;
            }
        }

        var network = OnnxReader.read(b.build().toByteArray(), "m.onnx", ImportOptions.DEFAULTS);

        assertThat(network.spec().layers().nodes()).hasSize(6);
    }
}
