package org.modeconn.engine.onnx;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.modeconn.engine.ToolVersion;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.ensemble.EnsembleModel;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.layers.BatchNormConvention;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.LayerOp;
import org.modeconn.engine.network.layers.NetworkLayers;
import org.modeconn.engine.network.layers.PoolWindow;
import org.modeconn.engine.network.layers.TensorShape;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.record.Provenance;

/**
 * Writes a network or an ensemble as a standard ONNX model (opset {@value OnnxFormat#OPSET}) for inference: one
 * input of raw features (images as N×C×H×W), the feature scaling as leading Sub and Mul nodes, the layers as ONNX
 * operators with the parameters as initialisers, and one output of class probabilities (an ensemble's is the
 * mean of its members'). Class names, the spec and the provenance go into the model's metadata.
 */
public final class OnnxWriter {

    private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder();
    private int nodeCount;

    private OnnxWriter(String name) {
        graph.setName(name);
    }

    /** The ONNX model of {@code network}. */
    public static Onnx.ModelProto network(Network network) {
        return network(network, Map.of());
    }

    /** The ONNX model of {@code network}, with {@code metadata} added to its properties. */
    public static Onnx.ModelProto network(Network network, Map<String, String> metadata) {
        OnnxWriter w = new OnnxWriter("modeconn network");
        NetworkSpec spec = network.spec();
        w.input(spec);
        String scaled = w.scaling(network.scaling(), spec);
        String probabilities = w.layers(spec.layers(), network.layout(), network.parametersView(), scaled, "");
        w.graph.addNode(w.node("Identity", List.of(probabilities), OnnxFormat.OUTPUT, Map.of()));
        w.output(spec);
        Map<String, String> extra = new LinkedHashMap<>(metadata);
        extra.put("modeconn.kind", "network");
        return w.model(spec, network.provenance().orElse(null), extra);
    }

    /** The ONNX model of {@code ensemble}: every member computed from the same scaled input, probabilities averaged. */
    public static Onnx.ModelProto ensemble(EnsembleModel ensemble) {
        return ensemble(ensemble, Map.of());
    }

    /** The ONNX model of {@code ensemble}, with {@code metadata} added to its properties. */
    public static Onnx.ModelProto ensemble(EnsembleModel ensemble, Map<String, String> metadata) {
        OnnxWriter w = new OnnxWriter("modeconn ensemble");
        NetworkSpec spec = ensemble.spec();
        w.input(spec);
        String scaled = w.scaling(ensemble.scaling(), spec);
        NetworkLayers layers = spec.layers();
        ParameterLayout layout = ParameterLayout.of(layers);
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < ensemble.size(); i++) {
            outputs.add(w.layers(layers, layout, ensemble.memberView(i), scaled, "m" + i + "."));
        }
        w.graph.addNode(w.node("Mean", outputs, OnnxFormat.OUTPUT, Map.of()));
        w.output(spec);
        Map<String, String> extra = new LinkedHashMap<>(metadata);
        extra.put("modeconn.kind", "ensemble");
        extra.put("modeconn.method", ensemble.method());
        extra.put("modeconn.members", Integer.toString(ensemble.size()));
        return w.model(spec, ensemble.provenance().orElse(null), extra);
    }

    /**
     * Writes {@code model} to {@code file}: into a file beside it first (created as any new file is, so with the
     * permissions new files get), then moved over it, so that a failed write leaves an existing file as it was.
     */
    public static void write(Onnx.ModelProto model, Path file) {
        Path target = file.toAbsolutePath();
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(partial);
            try (var out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW)) {
                model.writeTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ONNX model to " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // the write's own failure, if any, is the one to report
            }
        }
    }

    private void input(NetworkSpec spec) {
        graph.addInput(OnnxFormat.valueInfo(OnnxFormat.INPUT, inputDims(spec)));
    }

    private void output(NetworkSpec spec) {
        graph.addOutput(OnnxFormat.valueInfo(OnnxFormat.OUTPUT, new long[] {-1, spec.numClasses()}));
    }

    /**
     * ONNX's pads of a pool's windows over {@code in}: begin, then end, of height and width, the end as far as the
     * windows reach (ONNX Runtime takes no padding of a whole window).
     */
    private static long[] pads(PoolWindow w, TensorShape in) {
        return new long[] {w.padH(), w.padW(), w.padBottom(in.height()), w.padRight(in.width())};
    }

    private static long[] inputDims(NetworkSpec spec) {
        return spec.imageShape() == null ? new long[] {-1, spec.inputFeatures()}
            : new long[] {-1, spec.imageShape().channels(), spec.imageShape().height(), spec.imageShape().width()};
    }

    /** (x − shift) · factor as two nodes, or nothing for the identity scaling; returns the scaled tensor's name. */
    private String scaling(FeatureScaling scaling, NetworkSpec spec) {
        if (scaling.kind().equals("none")) {
            return OnnxFormat.INPUT;
        }
        long[] dims = inputDims(spec);
        dims[0] = 1;
        graph.addInitializer(OnnxFormat.tensor("scaling.shift", dims, scaling.shift(), 0, scaling.numFeatures()));
        graph.addInitializer(OnnxFormat.tensor("scaling.factor", dims, scaling.factor(), 0, scaling.numFeatures()));
        graph.addNode(node("Sub", List.of(OnnxFormat.INPUT, "scaling.shift"), "scaling.shifted", Map.of()));
        graph.addNode(node("Mul", List.of("scaling.shifted", "scaling.factor"), "scaled", Map.of()));
        return "scaled";
    }

    /**
     * Appends the nodes of one network reading {@code input}, its parameters from {@code flat} laid out as
     * {@code layout}, every name prefixed with {@code prefix}; returns the name of its probabilities.
     */
    private String layers(NetworkLayers layers, ParameterLayout layout, float[] flat, String input, String prefix) {
        Map<String, ParameterBlock> blocks = new LinkedHashMap<>();
        for (ParameterBlock b : layout.blocks()) {
            blocks.put(b.layer() + "/" + b.name(), b);
        }
        String[] names = new String[layers.nodes().size()];
        for (LayerNode n : layers.nodes()) {
            String in = n.from() < 0 ? input : names[n.from()];
            // an unnamed node (a ReLU folded into the dense layer before it) by its position: layer names are
            // kind and a counter, so "relu" and an index could be another layer's name
            String out = prefix + (n.name() != null ? n.name() : "node" + n.index() + "." + n.op().kind());
            String p = prefix + n.name() + ".";
            LayerOp op = n.op();
            if (op instanceof LayerOp.Conv c) {
                List<String> inputs = new ArrayList<>(List.of(in, param(blocks, flat, n, "W", p, new long[] {
                    c.channels(), n.input().channels(), c.kernelH(), c.kernelW()})));
                if (c.bias()) {
                    inputs.add(param(blocks, flat, n, "b", p, new long[] {c.channels()}));
                }
                graph.addNode(node("Conv", inputs, out, Map.of("kernel_shape", new long[] {c.kernelH(), c.kernelW()},
                    "strides", new long[] {c.strideH(), c.strideW()},
                    "pads", new long[] {c.padH(), c.padW(), c.padH(), c.padW()})));
            } else if (op instanceof LayerOp.BatchNorm) {
                long ch = n.input().channels();
                graph.addNode(node("BatchNormalization", List.of(in, param(blocks, flat, n, "gamma", p, new long[] {ch}),
                    param(blocks, flat, n, "beta", p, new long[] {ch}), param(blocks, flat, n, "mean", p, new long[] {ch}),
                    param(blocks, flat, n, "var", p, new long[] {ch})), out,
                    Map.of("epsilon", (float) BatchNormConvention.EPSILON)));
            } else if (op instanceof LayerOp.Relu) {
                graph.addNode(node("Relu", List.of(in), out, Map.of()));
            } else if (op instanceof LayerOp.MaxPool m) {
                graph.addNode(node("MaxPool", List.of(in), out, Map.of("kernel_shape", new long[] {m.kernelH(),
                    m.kernelW()}, "strides", new long[] {m.strideH(), m.strideW()}, "pads", pads(m.window(), n.input()))));
            } else if (op instanceof LayerOp.AvgPool a) {
                graph.addNode(node("AveragePool", List.of(in), out, Map.of("kernel_shape", new long[] {a.kernelH(),
                    a.kernelW()}, "strides", new long[] {a.strideH(), a.strideW()}, "pads", pads(a.window(), n.input()),
                    "count_include_pad", a.countIncludePad() ? 1L : 0L)));
            } else if (op instanceof LayerOp.GlobalAvgPool) {
                graph.addNode(node("GlobalAveragePool", List.of(in), out + ".pooled", Map.of()));
                graph.addNode(node("Flatten", List.of(out + ".pooled"), out, Map.of("axis", 1L)));
            } else if (op instanceof LayerOp.Dropout d) {
                // the identity in inference (training_mode left out), kept so that an import trains with it
                String ratio = p + "ratio";
                graph.addInitializer(OnnxFormat.tensor(ratio, new long[0], new float[] {(float) d.probability()}, 0,
                    1));
                graph.addNode(node("Dropout", List.of(in, ratio), out, Map.of()));
            } else if (op instanceof LayerOp.ZeroPad z) {
                String pads = out + ".pads";
                graph.addInitializer(OnnxFormat.longs(pads, 0, 0, z.top(), z.left(), 0, 0, z.bottom(), z.right()));
                graph.addNode(node("Pad", List.of(in, pads), out, Map.of()));
            } else if (op instanceof LayerOp.Add) {
                graph.addNode(node("Add", List.of(in, names[n.inputs().get(1)]), out, Map.of()));
            } else if (op instanceof LayerOp.Dense d) {
                gemm(blocks, flat, n, in, out, p, d.bias());
            } else if (op instanceof LayerOp.SoftmaxOutput) {
                gemm(blocks, flat, n, in, out + ".logits", p, true);
                graph.addNode(node("Softmax", List.of(out + ".logits"), out, Map.of("axis", 1L)));
            } else {
                throw new IllegalStateException("no ONNX form for " + op);
            }
            names[n.index()] = out;
        }
        return names[names.length - 1];
    }

    /** A dense layer: its image input flattened in C, H, W order, then x·Wᵀ + b (W stored as [out, in]). */
    private void gemm(Map<String, ParameterBlock> blocks, float[] flat, LayerNode n, String in, String out,
            String p, boolean bias) {
        TensorShape input = n.input();
        String x = in;
        if (input.image()) {
            x = out + ".flat";
            graph.addNode(node("Flatten", List.of(in), x, Map.of("axis", 1L)));
        }
        long units = n.output().channels();
        List<String> inputs = new ArrayList<>(List.of(x, param(blocks, flat, n, "W", p,
            new long[] {units, input.size()})));
        if (bias) {
            inputs.add(param(blocks, flat, n, "b", p, new long[] {units}));
        }
        graph.addNode(node("Gemm", inputs, out, Map.of("transB", 1L)));
    }

    /** Adds block {@code name} of node {@code n} as an initialiser of {@code dims}; returns its name. */
    private String param(Map<String, ParameterBlock> blocks, float[] flat, LayerNode n, String name, String prefix,
            long[] dims) {
        ParameterBlock b = blocks.get(n.name() + "/" + name);
        if (b == null) {
            throw new IllegalStateException("no parameter block " + name + " for layer " + n.name());
        }
        String tensor = prefix + name;
        graph.addInitializer(OnnxFormat.tensor(tensor, dims, flat, b.offset(), b.length()));
        return tensor;
    }

    private Onnx.NodeProto node(String opType, List<String> inputs, String output, Map<String, Object> attributes) {
        return OnnxFormat.node(opType + "_" + nodeCount++, opType, inputs, output, attributes);
    }

    private Onnx.ModelProto model(NetworkSpec spec, Provenance provenance, Map<String, String> extra) {
        Onnx.ModelProto.Builder m = Onnx.ModelProto.newBuilder()
            .setIrVersion(OnnxFormat.IR_VERSION)
            .setProducerName("modeconn")
            .setProducerVersion(ToolVersion.VERSION)
            .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxFormat.OPSET))
            .setGraph(graph);
        Map<String, String> meta = new LinkedHashMap<>(extra);
        meta.put(OnnxFormat.CLASSES_KEY, json(spec.classNames()));
        meta.put("modeconn.spec", json(spec));
        if (provenance != null) {
            meta.put("modeconn.provenance", json(provenance));
        }
        meta.forEach((k, v) -> m.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    private static String json(Object o) {
        try {
            return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + o.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
